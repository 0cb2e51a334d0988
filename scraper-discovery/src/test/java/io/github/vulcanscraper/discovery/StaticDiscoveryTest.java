package io.github.vulcanscraper.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StaticDiscoveryTest {
  private static final List<TargetGroup> GROUPS =
      List.of(
          TargetGroup.of(
              "0",
              List.of(Labels.of("__address__", "a:9100"), Labels.of("__address__", "b:9100")),
              Labels.of("env", "prod")));

  @Test
  void deliversItsGroupsOncePerSubscription() {
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    StaticDiscovery d = StaticDiscovery.of(GROUPS);

    Subscription a = d.watch(first);
    Subscription b = d.watch(second);
    assertThat(first.awaitFirst()).isEqualTo(GROUPS);
    assertThat(second.awaitFirst()).isEqualTo(GROUPS);
    a.close();
    b.close();
    assertThat(first.snapshots).hasSize(1);
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheRun() {
    Recorder after = new Recorder();
    SnapshotListener<List<TargetGroup>> throwing =
        groups -> {
          after.onSnapshot(groups);
          throw new IllegalStateException("listener bug");
        };

    Subscription s = StaticDiscovery.of(GROUPS).watch(throwing);
    assertThat(after.awaitFirst()).isEqualTo(GROUPS);
    s.close();
  }

  @Test
  void backoffDoublesFromOneSecondUpToTheRefreshInterval() {
    Backoff backoff = new Backoff(Duration.ofSeconds(5));

    assertThat(List.of(backoff.failed(), backoff.failed(), backoff.failed(), backoff.failed()))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(5));
    assertThat(backoff.succeeded()).isEqualTo(Duration.ofSeconds(5));
    assertThat(backoff.failed()).isEqualTo(Duration.ofSeconds(1));
  }
}
