package io.github.vulcanscraper.discovery;

import static io.github.vulcanscraper.discovery.Recorder.addresses;
import static io.github.vulcanscraper.discovery.Recorder.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class FileDiscoveryTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path dir;

  private final Recorder recorder = new Recorder();
  private @Nullable Subscription subscription;

  @AfterEach
  void stop() {
    if (subscription != null) {
      subscription.close();
    }
  }

  /** Writes a file atomically, as tools that generate SD files should. */
  private Path write(String name, String content) throws Exception {
    Path tmp = dir.resolve(name + ".tmp");
    Files.writeString(tmp, content);
    return Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  private FileDiscovery.Builder discovery(String pattern) {
    return FileDiscovery.builder()
        .files(dir.resolve(pattern).toString())
        .refreshInterval(Duration.ofMillis(100));
  }

  @Test
  void readsJsonAndYamlFilesMatchingTheGlob() throws Exception {
    Path json = write("a.json", "[{\"targets\": [\"a:9100\"], \"labels\": {\"env\": \"prod\"}}]");
    Path yaml = write("b.yml", "- targets: ['b:9100', 'c:9100']\n  labels:\n    env: dev\n");
    write("ignored.txt", "not matched");

    subscription =
        FileDiscovery.builder()
            .files(dir.resolve("*.json").toString(), dir.resolve("*.yml").toString())
            .build()
            .watch(recorder);
    List<TargetGroup> groups = recorder.awaitFirst();

    assertThat(groups).extracting(TargetGroup::source).containsExactly(json + ":0", yaml + ":0");
    assertThat(targets(groups))
        .containsExactly(
            Labels.of("__address__", "a:9100", "env", "prod", "__meta_filepath", json.toString()),
            Labels.of("__address__", "b:9100", "env", "dev", "__meta_filepath", yaml.toString()),
            Labels.of("__address__", "c:9100", "env", "dev", "__meta_filepath", yaml.toString()));
  }

  @Test
  void aChangeIsPickedUpWithoutWaitingForTheRefreshInterval() throws Exception {
    write("a.json", "[{\"targets\": [\"a:9100\"]}]");
    subscription = discovery("*.json").refreshInterval(Duration.ofHours(1)).build().watch(recorder);
    recorder.awaitFirst();

    write("a.json", "[{\"targets\": [\"b:9100\"]}]");
    write("c.json", "[{\"targets\": [\"c:9100\"]}]");

    recorder.await(g -> addresses(g).equals(List.of("b:9100", "c:9100")));
  }

  @Test
  void anInvalidFileKeepsItsLastGoodGroupsAndIsReported() throws Exception {
    Path a = write("a.yml", "- targets: ['a:9100']\n");
    write("b.yml", "- targets: ['b:9100']\n");
    subscription = discovery("*.yml").build().watch(recorder);
    recorder.awaitFirst();

    write("a.yml", "- targets: ['a:9100']\n  lables: {env: x}\n");
    write("b.yml", "- targets: ['b2:9100']\n");

    recorder.await(g -> addresses(g).equals(List.of("a:9100", "b2:9100")));
    assertThat(recorder.awaitErrors(1))
        .hasMessage("file_sd: cannot read " + a + ": group 0: unknown field \"lables\"");
  }

  @Test
  void anUnreadableFileKeepsItsLastGoodGroups() throws Exception {
    Path a = write("a.json", "[{\"targets\": [\"a:9100\"]}]");
    subscription = discovery("*.json").build().watch(recorder);
    recorder.awaitFirst();

    // Swapped atomically for a link to a directory: it cannot be read, whoever runs the test.
    Path link = dir.resolve("link.tmp");
    Files.createSymbolicLink(link, Files.createDirectory(dir.resolve("sub")));
    Files.move(link, a, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    assertThat(recorder.awaitErrors(1)).hasMessageStartingWith("file_sd: cannot read " + a);
    assertThat(addresses(recorder.last())).containsExactly("a:9100");
    assertThat(recorder.snapshots).hasSize(1);
  }

  @Test
  void aRemovedFileTakesItsGroupsWithIt() throws Exception {
    Path a = write("a.json", "[{\"targets\": [\"a:9100\"]}]");
    write("b.json", "[{\"targets\": [\"b:9100\"]}]");
    subscription = discovery("*.json").build().watch(recorder);
    recorder.await(g -> g.size() == 2);

    Files.delete(a);

    recorder.await(g -> addresses(g).equals(List.of("b:9100")));
  }

  @Test
  void aFileNotThereYetIsPickedUpWhenItAppears() throws Exception {
    subscription = discovery("targets.yaml").build().watch(recorder);
    assertThat(recorder.awaitFirst()).isEmpty();

    write("targets.yaml", "- targets: ['a:9100']\n");

    recorder.await(g -> addresses(g).equals(List.of("a:9100")));
  }

  @Test
  void theBuilderRejectsPatternsPrometheusRejects() {
    assertThatThrownBy(() -> FileDiscovery.builder().files("/etc/*/targets.json"))
        .hasMessageStartingWith("path name /etc/*/targets.json is not valid for file discovery");
    assertThatThrownBy(() -> FileDiscovery.builder().files("/etc/targets.txt"))
        .hasMessageStartingWith("path name /etc/targets.txt is not valid");
    assertThatThrownBy(() -> FileDiscovery.builder().build())
        .hasMessageContaining("at least one path name");
  }
}
