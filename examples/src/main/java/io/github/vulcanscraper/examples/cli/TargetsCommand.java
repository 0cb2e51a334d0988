package io.github.vulcanscraper.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.HTTPTarget;
import io.github.vulcanscraper.core.config.ConfigException;
import io.github.vulcanscraper.core.config.PrometheusConfig;
import io.github.vulcanscraper.discovery.JobFactory;
import io.github.vulcanscraper.discovery.ScrapeConfigJob;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vulcan targets [--dns-server HOST:PORT] FILE}: resolves every scrape config of a
 * Prometheus configuration once, as the scraper would (discovery, relabeling, target building), and
 * prints one line per target, {@code <job> <scrape URL> <labels as JSON, sorted keys>}, then {@code
 * N targets}. Discovery errors are warnings on stderr; a bad configuration, or a job whose
 * discovery gives no first result within the timeout, exits 1.
 */
@Command(
    name = "targets",
    mixinStandardHelpOptions = true,
    header = "Resolve a configuration's targets once and print them.",
    description = {
      "Resolve the targets of a Prometheus configuration once and print them:",
      "one line per target (job, scrape URL, labels as JSON), then the count."
    })
public final class TargetsCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--dns-server",
      paramLabel = "HOST:PORT",
      description = "A DNS server for dns_sd_configs instead of the system's (repeatable).")
  List<String> dnsServers = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      defaultValue = "30",
      description = "How long to wait for each job's discovery (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file (YAML).")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (timeoutSeconds <= 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--timeout must be > 0: " + timeoutSeconds);
    }
    JobFactory factory;
    try {
      JobFactory.Builder b = JobFactory.builder();
      dnsServers.forEach(b::dnsServer);
      factory = b.build();
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--dns-server: " + e.getMessage());
    }
    List<ScrapeConfigJob> jobs;
    try {
      jobs = factory.jobs(PrometheusConfig.load(file));
    } catch (ConfigException | IllegalArgumentException e) {
      return fail(err, file + ": ERROR " + e.getMessage());
    } catch (NoSuchFileException e) {
      return fail(err, file + ": ERROR no such file");
    } catch (IOException e) {
      return fail(err, file + ": ERROR cannot read: " + e.getMessage());
    }
    return resolve(jobs, out, err);
  }

  private int resolve(List<ScrapeConfigJob> jobs, PrintWriter out, PrintWriter err) {
    List<FirstSnapshot> results = new ArrayList<>();
    List<Subscription> subscriptions = new ArrayList<>();
    Set<String> warnings = ConcurrentHashMap.newKeySet();
    for (ScrapeConfigJob job : jobs) {
      FirstSnapshot first = new FirstSnapshot("warning: job " + job.name() + ": ", warnings);
      results.add(first);
      subscriptions.add(job.watch(first));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    int count = 0;
    int code = 0;
    List<String> lines = new ArrayList<>();
    try {
      for (int i = 0; i < jobs.size(); i++) {
        List<Targeter> targets;
        try {
          targets =
              results
                  .get(i)
                  .first
                  .get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          err.println(
              "error: job "
                  + jobs.get(i).name()
                  + ": no discovery result within "
                  + timeoutSeconds
                  + "s");
          code = 1;
          continue;
        }
        for (Targeter t : targets) {
          lines.add(line(t));
          count++;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail(err, "error: interrupted");
    } catch (ExecutionException e) {
      return fail(err, "error: " + e.getCause());
    } finally {
      subscriptions.forEach(Subscription::close);
    }
    new TreeSet<>(warnings).forEach(err::println);
    err.flush();
    lines.forEach(out::println);
    out.println(count + (count == 1 ? " target" : " targets"));
    out.flush();
    return code;
  }

  private static String line(Targeter t) {
    String url = t instanceof HTTPTarget ? ((HTTPTarget) t).url().toString() : "-";
    String labels;
    try {
      labels = JSON.writeValueAsString(t.labels().toMap());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return t.job().value() + " " + url + " " + labels;
  }

  /** Keeps a job's first snapshot and collects its discovery errors as warnings. */
  private static final class FirstSnapshot implements SnapshotListener<List<Targeter>> {
    final CompletableFuture<List<Targeter>> first = new CompletableFuture<>();
    private final String prefix;
    private final Set<String> warnings;

    FirstSnapshot(String prefix, Set<String> warnings) {
      this.prefix = prefix;
      this.warnings = warnings;
    }

    @Override
    public void onSnapshot(List<Targeter> snapshot) {
      first.complete(snapshot);
    }

    @Override
    public void onError(Exception error) {
      warnings.add(prefix + error.getMessage());
    }
  }

  private static int fail(PrintWriter err, String message) {
    err.println(message);
    err.flush();
    return 1;
  }
}
