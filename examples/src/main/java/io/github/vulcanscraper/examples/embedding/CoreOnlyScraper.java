package io.github.vulcanscraper.examples.embedding;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.api.Writer;
import io.github.vulcanscraper.core.HTTPTarget;
import io.github.vulcanscraper.core.Scraper;
import io.github.vulcanscraper.core.StaticJob;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A scraper with only {@code scraper-core} (and {@code scraper-api}) on the class path: no
 * ZooKeeper, no Kafka, no discovery module. Fixed targets, one node, a writer of the host's
 * choosing. This class imports nothing else from the project, so it compiles against those two jars
 * alone.
 *
 * <pre>{@code
 * try (Scraper scraper = CoreOnlyScraper.scrape(List.of(URI.create("http://app:8080/metrics")),
 *     Duration.ofSeconds(15), writer)) {
 *   scraper.start();
 *   ...
 * }
 * }</pre>
 */
public final class CoreOnlyScraper {
  private CoreOnlyScraper() {}

  /**
   * A scraper (not yet started) of {@code urls} every {@code interval} into {@code writer}.
   *
   * @param urls the targets' scrape URLs, each with an explicit port; the instance label is {@code
   *     host:port}
   * @param interval how often each target is scraped, also its scrape timeout
   * @param writer where the scrapes go
   * @return the scraper of job {@code app}; the caller starts and closes it
   */
  public static Scraper scrape(List<URI> urls, Duration interval, Writer writer) {
    JobName job = JobName.of("app");
    List<Targeter> targets = new ArrayList<>();
    for (URI url : urls) {
      String instance = url.getHost() + ":" + url.getPort();
      targets.add(
          HTTPTarget.builder()
              .url(url)
              .job(job)
              .labels(Labels.of("job", job.value(), "instance", instance))
              .interval(interval)
              .timeout(interval)
              .build());
    }
    return Scraper.builder(StaticJob.of(job, targets), writer).build();
  }
}
