package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One file discovery run: a refresh loop that reads the matching files, and a daemon thread that
 * triggers a refresh when the platform reports a change in one of their directories.
 */
final class FileSdRun implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(FileSdRun.class);
  static final String FILEPATH_LABEL = "__meta_filepath";

  private final FileDiscovery settings;
  private final Map<Path, List<TargetGroup>> lastGood = new HashMap<>();
  private final Set<Path> watchedDirectories = new HashSet<>();
  private final @Nullable WatchService watcher;
  private volatile @Nullable RefreshLoop loop;

  private FileSdRun(FileDiscovery settings, @Nullable WatchService watcher) {
    this.settings = settings;
    this.watcher = watcher;
  }

  static FileSdRun start(FileDiscovery settings, SnapshotListener<List<TargetGroup>> listener) {
    WatchService watcher = null;
    try {
      watcher = FileSystems.getDefault().newWatchService();
    } catch (IOException | UnsupportedOperationException e) {
      log.warn(
          "file_sd {}: no file watcher, re-reading every {} only: {}",
          settings.files(),
          settings.refreshInterval(),
          e.toString());
    }
    FileSdRun run = new FileSdRun(settings, watcher);
    run.loop =
        RefreshLoop.start(
            "file_sd " + settings.files(), run::refresh, settings.refreshInterval(), listener);
    if (watcher != null) {
      WatchService w = watcher;
      Thread t = new Thread(() -> run.watch(w), "vulcan-file-sd-watcher");
      t.setDaemon(true);
      t.start();
    }
    return run;
  }

  private void watch(WatchService watcher) {
    try {
      while (true) {
        WatchKey key = watcher.take();
        key.pollEvents();
        key.reset();
        WatchKey more;
        while ((more = watcher.poll()) != null) {
          more.pollEvents();
          more.reset();
        }
        RefreshLoop l = loop;
        if (l != null) {
          l.trigger();
        }
      }
    } catch (ClosedWatchServiceException | InterruptedException e) {
      // closed: the run is over
    }
  }

  private List<TargetGroup> refresh(List<Exception> errors) {
    Set<Path> files = new TreeSet<>();
    for (String pattern : settings.files()) {
      try {
        files.addAll(match(pattern));
      } catch (IOException e) {
        errors.add(new IOException("file_sd: cannot list " + pattern + ": " + e, e));
      }
    }
    lastGood.keySet().retainAll(files);
    List<TargetGroup> groups = new ArrayList<>();
    for (Path file : files) {
      try {
        List<TargetGroup> read = read(file);
        lastGood.put(file, read);
        groups.addAll(read);
      } catch (IOException | RuntimeException e) {
        errors.add(new IOException("file_sd: cannot read " + file + ": " + message(e), e));
        groups.addAll(lastGood.getOrDefault(file, List.of()));
      }
    }
    return groups;
  }

  private static String message(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private List<Path> match(String pattern) throws IOException {
    Path path = Path.of(pattern);
    Path dir = path.getParent() == null ? Path.of("") : path.getParent();
    String name = path.getFileName().toString();
    watchDirectory(dir);
    if (name.indexOf('*') < 0 && name.indexOf('?') < 0 && name.indexOf('[') < 0) {
      return Files.exists(path) ? List.of(path) : List.of();
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
    List<Path> matched = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir.toAbsolutePath())) {
      for (Path entry : entries) {
        if (matcher.matches(entry.getFileName())) {
          matched.add(dir.resolve(entry.getFileName()));
        }
      }
    } catch (NoSuchFileException | NotDirectoryException e) {
      return List.of();
    }
    return matched;
  }

  private void watchDirectory(Path dir) {
    Path absolute = dir.toAbsolutePath();
    if (watcher == null || watchedDirectories.contains(absolute) || !Files.isDirectory(absolute)) {
      return;
    }
    try {
      absolute.register(
          watcher,
          StandardWatchEventKinds.ENTRY_CREATE,
          StandardWatchEventKinds.ENTRY_MODIFY,
          StandardWatchEventKinds.ENTRY_DELETE);
      watchedDirectories.add(absolute);
    } catch (ClosedWatchServiceException e) {
      // closed: no more watching
    } catch (IOException e) {
      log.warn(
          "file_sd: cannot watch {}, re-reading every {} only: {}",
          dir,
          settings.refreshInterval(),
          e.toString());
    }
  }

  private static List<TargetGroup> read(Path file) throws IOException {
    byte[] content = Files.readAllBytes(file);
    String name = file.toString();
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".json")
        ? GroupsParser.json(content, name, FILEPATH_LABEL)
        : GroupsParser.yaml(content, name, FILEPATH_LABEL);
  }

  @Override
  public void close() {
    RefreshLoop l = loop;
    if (l != null) {
      l.close();
    }
    if (watcher != null) {
      try {
        watcher.close();
      } catch (IOException e) {
        log.debug("file_sd: closing the file watcher", e);
      }
    }
  }
}
