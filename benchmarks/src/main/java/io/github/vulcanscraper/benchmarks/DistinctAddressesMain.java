package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.core.HTTPTarget;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * What OkHttp costs per scrape as a node's targets grow, when every target has an address of its
 * own (one kept-alive connection each, as in production; the load harness's farm serves every
 * target from one address, so it cannot show this).
 *
 * <p>Workload: {@code targets} exporters on as many loopback ports, each answering a one-sample
 * page; one thread scrapes them round-robin through {@link HTTPTarget#fetch()} at {@code rate}
 * scrapes a second for {@code seconds}, after two warm-up rounds. Figures: CPU per scrape of the
 * scraping thread (finding a pooled connection, the call, the parse) and of OkHttp's own threads
 * (the connection pool's cleanup after every call), from {@link ThreadMXBean}.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.vulcanscraper.benchmarks.DistinctAddressesMain <targets> <rate> <seconds>}, e.g. {@code
 * 2000 400 15}.
 */
public final class DistinctAddressesMain {
  private static final byte[] RESPONSE =
      ("HTTP/1.1 200 OK\r\nContent-Type: text/plain; version=0.0.4\r\nContent-Length: 4\r\n\r\n"
              + "m 1\n")
          .getBytes(StandardCharsets.US_ASCII);

  private DistinctAddressesMain() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: DistinctAddressesMain <targets> <rate per second> <seconds>");
      System.exit(2);
    }
    int count = Integer.parseInt(args[0]);
    int rate = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    ExecutorService exporters = Executors.newCachedThreadPool(DistinctAddressesMain::daemon);
    List<HTTPTarget> targets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      exporters.execute(() -> accept(server, exporters));
      targets.add(
          HTTPTarget.builder()
              .url(URI.create("http://127.0.0.1:" + server.getLocalPort() + "/metrics"))
              .job(JobName.of("addresses"))
              .interval(Duration.ofSeconds(10))
              .build());
    }
    for (int round = 0; round < 2; round++) {
      for (HTTPTarget t : targets) {
        t.fetch();
      }
    }
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long okHttp0 = okHttpCpuNanos(threads);
    long own0 = threads.getCurrentThreadCpuTime();
    long period = 1_000_000_000L / rate;
    long next = System.nanoTime();
    long end = next + seconds * 1_000_000_000L;
    int scrapes = 0;
    while (System.nanoTime() < end) {
      scrape(targets.get(scrapes++ % count));
      next += period;
      LockSupport.parkNanos(next - System.nanoTime());
    }
    double okHttp = (okHttpCpuNanos(threads) - okHttp0) / 1e3 / scrapes;
    double own = (threads.getCurrentThreadCpuTime() - own0) / 1e3 / scrapes;
    System.out.printf(
        "%d targets at %d addresses: %d scrapes; CPU per scrape: scraping thread %.1f us, OkHttp"
            + " threads %.1f us, together %.1f us%n",
        count, count, scrapes, own, okHttp, own + okHttp);
    System.exit(0);
  }

  private static void scrape(HTTPTarget target) {
    try {
      target.fetch();
    } catch (ScrapeException e) {
      throw new IllegalStateException("scrape of " + target + " failed", e);
    }
  }

  private static long okHttpCpuNanos(ThreadMXBean threads) {
    long total = 0;
    for (ThreadInfo info : threads.dumpAllThreads(false, false)) {
      if (info.getThreadName().startsWith("OkHttp")) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  private static void accept(ServerSocket server, ExecutorService exporters) {
    while (true) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        exporters.execute(() -> serve(socket));
      } catch (IOException e) {
        return;
      }
    }
  }

  /** Answers every request on the connection with the one-sample page. */
  private static void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      boolean lineEmpty = true;
      int c;
      while ((c = in.read()) >= 0) {
        if (c == '\n') {
          if (lineEmpty) {
            out.write(RESPONSE);
            out.flush();
          }
          lineEmpty = true;
        } else if (c != '\r') {
          lineEmpty = false;
        }
      }
    } catch (IOException e) {
      // The scraper went away.
    }
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "exporter");
    t.setDaemon(true);
    return t;
  }
}
