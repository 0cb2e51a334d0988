package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.JobName;
import java.util.Objects;

/**
 * A job as stored: its name, its YAML and the node's version, which {@link JobStore#set(JobName,
 * String, int)} takes to update exactly this version. Immutable; {@link #toString()} leaves the
 * YAML out, as it may hold credentials.
 */
public final class StoredJob {
  private final JobName name;
  private final String yaml;
  private final int version;

  StoredJob(JobName name, String yaml, int version) {
    this.name = Objects.requireNonNull(name, "name");
    this.yaml = Objects.requireNonNull(yaml, "yaml");
    this.version = version;
  }

  /**
   * The job's name, the node's name.
   *
   * @return the job's name
   */
  public JobName name() {
    return name;
  }

  /**
   * The job's YAML document, as stored.
   *
   * @return the node's data, decoded as UTF-8; may hold credentials
   */
  public String yaml() {
    return yaml;
  }

  /**
   * The node's data version: 0 when created, one more on every write.
   *
   * @return the version to pass to {@link JobStore#set(JobName, String, int)}
   */
  public int version() {
    return version;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof StoredJob)) {
      return false;
    }
    StoredJob other = (StoredJob) o;
    return name.equals(other.name) && yaml.equals(other.yaml) && version == other.version;
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, yaml, version);
  }

  @Override
  public String toString() {
    return "StoredJob{name=" + name + ", version=" + version + ", " + yaml.length() + " chars}";
  }
}
