package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class FetchPoolTest {
  private FetchPool pool = new FetchPool(2, Duration.ofMinutes(1), "test-fetch-");

  @AfterEach
  void close() {
    pool.close();
  }

  @Test
  void theThreadThatWentIdleLastRunsTheNextTask() throws Exception {
    CountDownLatch releaseFirst = new CountDownLatch(1);
    CountDownLatch releaseSecond = new CountDownLatch(1);
    CompletableFuture<Thread> first = runBlocked(releaseFirst);
    CompletableFuture<Thread> second = runBlocked(releaseSecond);
    await().until(() -> pool.threadCount() == 2);

    releaseFirst.countDown();
    await().until(() -> pool.idleCount() == 1);
    releaseSecond.countDown();
    await().until(() -> pool.idleCount() == 2);

    Thread next = threadOf(pool);

    assertThat(next).isSameAs(second.get(10, TimeUnit.SECONDS)).isNotSameAs(first.get());
  }

  @Test
  void tasksBeyondTheThreadsWaitInArrivalOrder() throws Exception {
    pool = new FetchPool(1, Duration.ofMinutes(1), "test-fetch-");
    CountDownLatch release = new CountDownLatch(1);
    runBlocked(release).get(10, TimeUnit.SECONDS);
    StringBuffer order = new StringBuffer();
    CountDownLatch done = new CountDownLatch(3);
    for (String name : new String[] {"a", "b", "c"}) {
      pool.execute(
          () -> {
            order.append(name);
            done.countDown();
          });
    }
    assertThat(pool.threadCount()).isEqualTo(1);

    release.countDown();

    assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(order.toString()).isEqualTo("abc");
  }

  @Test
  void idleThreadsEndAfterTheKeepAliveAndNewOnesStartWhenNeeded() throws Exception {
    pool = new FetchPool(2, Duration.ofMillis(20), "test-fetch-");
    pool.execute(() -> {});
    await().until(() -> pool.threadCount() == 0);

    assertThat(threadOf(pool).getName()).startsWith("test-fetch-");
  }

  @Test
  void aTaskThatThrowsLeavesThePoolWorking() throws Exception {
    pool = new FetchPool(1, Duration.ofMinutes(1), "test-fetch-");
    pool.execute(
        () -> {
          throw new IllegalStateException("boom (expected by the test)");
        });

    assertThat(threadOf(pool)).isNotNull();
  }

  @Test
  void anInterruptEndsWithTheTaskThatGotIt() throws Exception {
    pool = new FetchPool(1, Duration.ofMinutes(1), "test-fetch-");
    pool.execute(() -> Thread.currentThread().interrupt());
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();

    pool.execute(() -> interrupted.complete(Thread.currentThread().isInterrupted()));

    assertThat(interrupted.get(10, TimeUnit.SECONDS)).isFalse();
  }

  @Test
  void closeInterruptsRunningTasksAndRefusesNewOnes() throws Exception {
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    pool.execute(
        () -> {
          try {
            new CountDownLatch(1).await();
            interrupted.complete(false);
          } catch (InterruptedException e) {
            interrupted.complete(true);
          }
        });
    await().until(() -> pool.threadCount() == 1);

    pool.close();

    assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
    assertThatThrownBy(() -> pool.execute(() -> {}))
        .isInstanceOf(RejectedExecutionException.class)
        .hasMessageContaining("closed");
    await().until(() -> pool.threadCount() == 0);
  }

  @Test
  void refusesANonPositiveThreadCount() {
    assertThatThrownBy(() -> new FetchPool(0, Duration.ofMinutes(1), "x-"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxThreads must be > 0: 0");
  }

  private CompletableFuture<Thread> runBlocked(CountDownLatch release) {
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    pool.execute(
        () -> {
          ran.complete(Thread.currentThread());
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    return ran;
  }

  private static Thread threadOf(FetchPool pool) throws Exception {
    CompletableFuture<Thread> ran = new CompletableFuture<>();
    pool.execute(() -> ran.complete(Thread.currentThread()));
    return ran.get(10, TimeUnit.SECONDS);
  }
}
