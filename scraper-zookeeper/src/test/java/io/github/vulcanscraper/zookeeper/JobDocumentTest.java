package io.github.vulcanscraper.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.core.config.ScrapeConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;

final class JobDocumentTest {
  private static final JobName NODE = JobName.of("node");

  @Test
  void readsTheOneJobWithTheGlobalDefaultsApplied() throws Exception {
    ScrapeConfig job =
        JobDocument.parse(
            NODE,
            "global:\n  scrape_interval: 30s\nscrape_configs:\n  - job_name: node\n"
                + "    static_configs:\n      - targets: ['127.0.0.1:9100']\n");

    assertThat(job.jobName()).isEqualTo(NODE);
    assertThat(job.scrapeInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void anInvalidFieldIsNamedWithItsLine() {
    assertThatThrownBy(
            () ->
                JobDocument.parse(
                    NODE, "scrape_configs:\n  - job_name: node\n    scrape_interval: often\n"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("job \"node\": scrape_configs[0].scrape_interval (line 3): ");
  }

  @Test
  void badYamlIsRejected() {
    assertThatThrownBy(() -> JobDocument.parse(NODE, "scrape_configs: [ {job_name: node\n"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("job \"node\": ");
  }

  @Test
  void exactlyOneJobIsRequired() {
    assertThatThrownBy(() -> JobDocument.parse(NODE, "global:\n  scrape_interval: 30s\n"))
        .hasMessage("job \"node\": scrape_configs must hold exactly one job, found 0");
    assertThatThrownBy(
            () ->
                JobDocument.parse(
                    NODE, "scrape_configs:\n  - job_name: node\n  - job_name: mysql\n"))
        .hasMessage(
            "job \"node\": scrape_configs must hold exactly one job, found 2 (node, mysql)");
  }

  @Test
  void theJobMustBeNamedAsTheNode() {
    assertThatThrownBy(() -> JobDocument.parse(NODE, "scrape_configs:\n  - job_name: mysql\n"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("job \"node\": job_name \"mysql\" differs from the node's name \"node\"");
  }

  @Test
  void aDocumentCanBeReadForWhicheverJobItDeclares() throws Exception {
    assertThat(JobDocument.parse("scrape_configs:\n  - job_name: mysql\n").jobName())
        .isEqualTo(JobName.of("mysql"));
    assertThatThrownBy(() -> JobDocument.parse("scrape_configs: []\n"))
        .isInstanceOfSatisfying(
            InvalidJobException.class,
            e ->
                assertThat(e.reason())
                    .isEqualTo("scrape_configs must hold exactly one job, found 0"));
  }

  @Test
  void aSecretNeverAppearsInTheMessage() {
    assertThatThrownBy(
            () ->
                JobDocument.parse(
                    NODE,
                    "scrape_configs:\n  - job_name: node\n    basic_auth:\n      username: u\n"
                        + "      password: hunter2\n      password_file: /x\n"))
        .isInstanceOf(InvalidJobException.class)
        .message()
        .doesNotContain("hunter2");
  }
}
