package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.ScrapePolicy;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A body of a million series over {@code sample_limit} is refused by a count before it is parsed,
 * so the million samples are never alive on the heap at once (parsed, they hold about ten times the
 * body's size; counted, nothing is kept).
 */
final class HostileExporterMemoryTest {
  @Test
  void aMillionSeriesOverTheSampleLimitAreRefusedByACountBeforeParsing() throws Exception {
    try (HostileExporter exporter = new HostileExporter()) {
      HTTPTarget target =
          HTTPTarget.builder()
              .url(URI.create(exporter.url("/series")))
              .job(JobName.of("hostile"))
              .labels(Labels.of("instance", "series"))
              .timeout(Duration.ofSeconds(20))
              .bodySizeLimit(64L << 20)
              .policy(ScrapePolicy.builder().sampleLimit(10_000).build())
              .build();

      ScrapeException e = catchThrowableOfType(ScrapeException.class, target::fetch);

      assertThat(e.reason()).isEqualTo("sample_limit");
      // The count's message; the parse-then-relabel path says "after metric relabeling".
      assertThat(e.getMessage()).isEqualTo("sample_limit exceeded: more than 10000 samples");
      assertThat(exporter.bytesSent("/series")).isGreaterThan(20_000_000);
    }
  }
}
