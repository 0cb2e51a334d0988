package io.github.vulcanscraper.zookeeper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.Targeter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A small stand-in for the configuration loader: reads {@code scrape_configs[0].job_name} and the
 * static targets, and rejects what the real loader would reject in these tests.
 */
final class TestJobParser implements JobParser {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Override
  public Job parse(JobName name, String yaml) throws InvalidJobException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new InvalidJobException(
          name.value(),
          "invalid YAML at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
    }
    JsonNode configs = root == null ? null : root.get("scrape_configs");
    if (configs == null || !configs.isArray() || configs.size() != 1) {
      throw new InvalidJobException(name.value(), "scrape_configs must hold exactly one job");
    }
    String jobName = configs.get(0).path("job_name").asText("");
    if (!jobName.equals(name.value())) {
      throw new InvalidJobException(
          name.value(),
          "job_name \"" + jobName + "\" differs from the node's name \"" + name + "\"");
    }
    List<String> targets = new ArrayList<>();
    for (JsonNode group : configs.get(0).path("static_configs")) {
      for (JsonNode target : group.path("targets")) {
        targets.add(target.asText());
      }
    }
    return new TestJob(name, targets);
  }

  /** The YAML of a job with these static targets. */
  static String yaml(String name, String... targets) {
    StringBuilder b = new StringBuilder("scrape_configs:\n  - job_name: " + name + "\n");
    b.append("    static_configs:\n      - targets: [");
    b.append(String.join(", ", targets));
    return b.append("]\n").toString();
  }

  /** A job that is equal to another with the same name and targets; it never resolves targets. */
  static final class TestJob implements Job {
    final JobName name;
    final List<String> targets;

    TestJob(JobName name, List<String> targets) {
      this.name = name;
      this.targets = List.copyOf(targets);
    }

    @Override
    public JobName name() {
      return name;
    }

    @Override
    public Subscription watch(SnapshotListener<List<Targeter>> listener) {
      listener.onSnapshot(List.of());
      return () -> {};
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof TestJob
          && ((TestJob) o).name.equals(name)
          && ((TestJob) o).targets.equals(targets);
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, targets);
    }

    @Override
    public String toString() {
      return name + targets.toString();
    }
  }
}
