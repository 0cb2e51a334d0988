package io.github.vulcanscraper.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Secrets in a configuration never show in its {@code toString} or in an error about them. */
final class SecretsInConfigTest {
  private static final String CONFIG =
      "scrape_configs:\n"
          + "  - job_name: a\n"
          + "    basic_auth: {username: u, password: pw-SECRET}\n"
          + "    tls_config: {key: key-SECRET, cert: c}\n"
          + "  - job_name: b\n"
          + "    authorization: {credentials: tok-SECRET}\n"
          + "    http_headers: {X-Key: {secrets: [hdr-SECRET]}}\n"
          + "    consul_sd_configs: [{server: 'h:1', token: consul-SECRET}]\n";

  @Test
  void aParsedConfigShowsNoSecret() {
    try {
      PrometheusConfig config = PrometheusConfig.parse(CONFIG);
      assertThat(config.toString() + config.scrapeConfigs() + config.summary())
          .doesNotContain("SECRET");
    } catch (ConfigException e) {
      // An inline key without a certificate that parses may be refused; the message stays clean.
      assertThat(e.getMessage()).doesNotContain("SECRET");
    }
  }

  @Test
  void aSecretOfTheWrongShapeIsNamedButNotShown() {
    for (String broken :
        List.of(
            "scrape_configs:\n  - job_name: a\n    http_headers: {X-Key: {secrets: hdr-SECRET}}\n",
            "scrape_configs:\n  - job_name: a\n    basic_auth: {username: u, password: [pw-SECRET]}\n",
            "scrape_configs:\n  - job_name: a\n    authorization: {credentials: {c: tok-SECRET}}\n",
            "scrape_configs:\n  - job_name: a\n    bearer_token: [tok-SECRET]\n")) {
      ConfigException e =
          catchThrowableOfType(ConfigException.class, () -> PrometheusConfig.parse(broken));
      assertThat(e).as(broken).isNotNull();
      assertThat(e.getMessage()).as(broken).doesNotContain("SECRET");
    }
  }

  /** Regression: "expected a list, got \"hdr-SECRET\"" printed the header secret. */
  @Test
  void aHeaderSecretGivenAsAStringIsNotEchoed() {
    ConfigException e =
        catchThrowableOfType(
            ConfigException.class,
            () ->
                PrometheusConfig.parse(
                    "scrape_configs:\n  - job_name: a\n"
                        + "    http_headers: {X-Key: {secrets: hdr-SECRET}}\n"));
    assertThat(e.getMessage())
        .contains("http_headers.X-Key.secrets")
        .contains("expected a list, got a scalar")
        .doesNotContain("SECRET");
  }
}
