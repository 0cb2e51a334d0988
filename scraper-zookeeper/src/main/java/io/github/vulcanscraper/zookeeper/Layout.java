package io.github.vulcanscraper.zookeeper;

import org.apache.curator.utils.PathUtils;
import org.apache.curator.utils.ZKPaths;
import org.jspecify.annotations.Nullable;

/**
 * The ZooKeeper layout, compatible with the Go original: {@code <root>/scraper/jobs/<job_name>}
 * (persistent, one Prometheus config document each) and {@code <root>/scraper/scrapers/<node_id>}
 * (ephemeral, one per live scraper).
 */
final class Layout {
  /** The default root. */
  static final String DEFAULT_ROOT = "/vulcan";

  private final String root;

  private Layout(String root) {
    this.root = root;
  }

  /**
   * The layout under this root.
   *
   * @throws IllegalArgumentException when the root is not an absolute ZooKeeper path
   */
  static Layout of(String root) {
    if (root == null) {
      throw new IllegalArgumentException("root must not be null");
    }
    try {
      PathUtils.validatePath(root);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "root must be an absolute ZooKeeper path: \"" + root + "\"");
    }
    return new Layout(root);
  }

  String root() {
    return root;
  }

  String jobs() {
    return ZKPaths.makePath(root, "scraper", "jobs");
  }

  String scrapers() {
    return ZKPaths.makePath(root, "scraper", "scrapers");
  }

  String job(String name) {
    return ZKPaths.makePath(jobs(), name);
  }

  String scraper(String id) {
    return ZKPaths.makePath(scrapers(), id);
  }

  /** The node name when {@code path} is a direct child of {@code folder}, else {@code null}. */
  static @Nullable String childName(String folder, String path) {
    ZKPaths.PathAndNode split = ZKPaths.getPathAndNode(path);
    return split.getPath().equals(folder) && !split.getNode().isEmpty() ? split.getNode() : null;
  }
}
