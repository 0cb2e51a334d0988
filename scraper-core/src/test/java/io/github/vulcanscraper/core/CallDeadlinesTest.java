package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

final class CallDeadlinesTest {
  private final CallDeadlines deadlines = new CallDeadlines("test-deadlines");
  private final OkHttpClient client = HttpClients.shared().base();

  @Test
  void cancelsACallThatOutlivesItsDeadline() throws Exception {
    try (ServerSocket silent =
        new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      Call call = call("http://127.0.0.1:" + silent.getLocalPort() + "/metrics");
      CallDeadlines.Armed deadline = deadlines.arm(call, TimeUnit.MILLISECONDS.toNanos(200));

      assertThatThrownBy(call::execute).isInstanceOf(IOException.class);
      assertThat(deadline.expired()).isTrue();
      assertThat(deadlines.armedCount()).isZero();
    }
  }

  @Test
  void aClosedDeadlineCancelsNothing() {
    Call closed = call("http://127.0.0.1:9/a");
    deadlines.arm(closed, TimeUnit.MILLISECONDS.toNanos(50)).close();
    Call later = call("http://127.0.0.1:9/b");
    CallDeadlines.Armed laterDeadline = deadlines.arm(later, TimeUnit.MILLISECONDS.toNanos(100));

    await().atMost(Duration.ofSeconds(10)).until(laterDeadline::expired);

    assertThat(later.isCanceled()).isTrue();
    assertThat(closed.isCanceled()).isFalse(); // its deadline passed before the later one's
  }

  @Test
  void aShorterDeadlineArmedAfterALongerOneWakesTheSweeperInTime() {
    Call slow = call("http://127.0.0.1:9/slow");
    CallDeadlines.Armed hour = deadlines.arm(slow, TimeUnit.HOURS.toNanos(1));
    await().until(() -> deadlines.plannedSleepNanos() > TimeUnit.MINUTES.toNanos(30));
    Call quick = call("http://127.0.0.1:9/quick");

    CallDeadlines.Armed shortDeadline = deadlines.arm(quick, TimeUnit.MILLISECONDS.toNanos(100));

    await().atMost(Duration.ofSeconds(10)).until(shortDeadline::expired);
    assertThat(quick.isCanceled()).isTrue();
    assertThat(hour.expired()).isFalse();
    assertThat(slow.isCanceled()).isFalse();
    hour.close();
    assertThat(deadlines.armedCount()).isZero();
  }

  private Call call(String url) {
    return client.newCall(new Request.Builder().url(url).build());
  }
}
