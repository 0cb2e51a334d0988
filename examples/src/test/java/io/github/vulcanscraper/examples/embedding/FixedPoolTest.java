package io.github.vulcanscraper.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.ConsistentHashTargeter;
import io.github.vulcanscraper.core.HTTPTarget;
import io.github.vulcanscraper.core.StaticJob;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class FixedPoolTest {
  private static final List<String> MEMBERS = List.of("scraper-0", "scraper-1", "scraper-2");

  @Test
  void nodesWithTheSameListShareTheTargetsWithoutOverlap() {
    StaticJob job = job(60);
    Set<String> seen = new HashSet<>();
    int owners = 0;
    for (String id : MEMBERS) {
      List<Targeter> mine = new ArrayList<>();
      ConsistentHashTargeter.builder(job, new FixedPool(id, MEMBERS))
          .build()
          .watch(mine::addAll)
          .close();
      assertThat(mine).as("share of %s", id).isNotEmpty();
      for (Targeter t : mine) {
        assertThat(seen.add(t.key())).as("%s owned twice", t.key()).isTrue();
      }
      owners++;
    }
    assertThat(owners).isEqualTo(3);
    assertThat(seen).hasSize(60);
  }

  @Test
  void refusesANodeThatIsNotInTheList() {
    assertThatThrownBy(() -> new FixedPool("scraper-9", MEMBERS))
        .hasMessageContaining("scraper-9")
        .hasMessageContaining("scraper-0");
  }

  private static StaticJob job(int targets) {
    JobName name = JobName.of("app");
    List<Targeter> list = new ArrayList<>();
    for (int i = 0; i < targets; i++) {
      list.add(
          HTTPTarget.builder()
              .url(URI.create("http://exporter-" + i + ":9100/metrics"))
              .job(name)
              .labels(Labels.of("job", "app", "instance", "exporter-" + i + ":9100"))
              .interval(Duration.ofSeconds(15))
              .timeout(Duration.ofSeconds(10))
              .build());
    }
    return StaticJob.of(name, list);
  }
}
