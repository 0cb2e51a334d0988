package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Builds targets from discovered label sets as Prometheus 3 does ({@code PopulateLabels}).
 *
 * <ol>
 *   <li>The target's labels, then the group's labels it does not have.
 *   <li>Defaults where absent: {@code job}, {@code __scrape_interval__}, {@code
 *       __scrape_timeout__}, {@code __metrics_path__}, {@code __scheme__}, and {@code
 *       __param_<name>} with the first value of each of the job's {@code params}. These are the
 *       discovered labels.
 *   <li>{@code relabel_configs}; a drop ends here.
 *   <li>Checks: {@code __address__} present and without {@code /} (no default port is added, as in
 *       Prometheus 3); {@code __scrape_interval__} and {@code __scrape_timeout__} valid, non-zero
 *       durations with the timeout at most the interval; {@code __scheme__} http or https.
 *   <li>{@code __meta_*} labels removed; {@code instance} defaults to {@code __address__}; the
 *       target's labels are the ones not starting with {@code __}.
 * </ol>
 *
 * <p>The URL is {@code <__scheme__>://<__address__><__metrics_path__>} with the job's params, each
 * overridden by a {@code __param_<name>} label, encoded as Go's {@code url.Values} (sorted by
 * name). Thread-safe (stateless).
 *
 * <pre>{@code
 * ScrapeTarget t = TargetLabels.populate(job, Labels.of("__address__", "10.0.0.1:9100"),
 *     Labels.EMPTY);
 * // t.url(): http://10.0.0.1:9100/metrics; t.labels(): {instance="10.0.0.1:9100",job="node"}
 * }</pre>
 */
public final class TargetLabels {
  private TargetLabels() {}

  /**
   * Builds one target.
   *
   * @param config the job
   * @param target the target's own labels (at least {@code __address__}, usually)
   * @param group the labels of its target group; the target's own win
   * @return the target, or {@code null} when relabeling dropped it
   * @throws IllegalArgumentException when the target is not valid after relabeling, e.g. {@code no
   *     address}, {@code "http://x" is not a valid hostname}, {@code scrape timeout cannot be
   *     greater than scrape interval ("20s" > "10s")}
   */
  public static @Nullable ScrapeTarget populate(ScrapeConfig config, Labels target, Labels group) {
    Labels discovered = discoveredLabels(config, target, group);
    Labels relabeled = config.relabeler().process(discovered);
    if (relabeled == null) {
      return null;
    }
    String address = relabeled.get("__address__");
    if (address == null) {
      throw new IllegalArgumentException("no address");
    }
    if (address.contains("/")) {
      throw new IllegalArgumentException("\"" + address + "\" is not a valid hostname");
    }
    Duration interval = duration(relabeled, "__scrape_interval__", "interval");
    Duration timeout = duration(relabeled, "__scrape_timeout__", "timeout");
    if (timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException(
          "scrape timeout cannot be greater than scrape interval (\""
              + relabeled.get("__scrape_timeout__")
              + "\" > \""
              + relabeled.get("__scrape_interval__")
              + "\")");
    }
    String scheme = relabeled.get("__scheme__");
    if (scheme == null || (!scheme.equals("http") && !scheme.equals("https"))) {
      throw new IllegalArgumentException("invalid scheme: \"" + scheme + "\"");
    }
    String instance = relabeled.get("instance");
    Labels.Builder pub = Labels.builder();
    relabeled.forEach(
        (name, value) -> {
          if (!name.startsWith("__")) {
            pub.add(name, value);
          }
        });
    if (instance == null) {
      pub.add("instance", address);
    }
    URI url = url(config, relabeled, scheme, address);
    return new ScrapeTarget(
        config.jobName(),
        pub.build(),
        discovered,
        url,
        interval,
        timeout,
        instance == null ? address : instance);
  }

  /**
   * Builds the targets of a group; a target that is not valid is handed to {@code onInvalid} (with
   * its labels and the reason) and left out, the others are unaffected.
   *
   * @param config the job, whose relabeling and defaults apply
   * @param group the discovered group
   * @param onInvalid takes the target's own labels and the reason of each invalid target
   * @return the valid targets, in group order, those dropped by relabeling left out
   */
  public static List<ScrapeTarget> fromGroup(
      ScrapeConfig config,
      TargetGroup group,
      BiConsumer<Labels, IllegalArgumentException> onInvalid) {
    List<ScrapeTarget> out = new ArrayList<>(group.targets().size());
    for (Labels target : group.targets()) {
      try {
        ScrapeTarget t = populate(config, target, group.labels());
        if (t != null) {
          out.add(t);
        }
      } catch (IllegalArgumentException e) {
        onInvalid.accept(target, e);
      }
    }
    return out;
  }

  /**
   * The labels before relabeling: target, group and the job's defaults.
   *
   * @param config the job, for {@code job}, {@code __scheme__}, {@code __metrics_path__} and the
   *     rest
   * @param target the target's own labels; they win over the group's
   * @param group the group's labels
   * @return the merged labels
   */
  public static Labels discoveredLabels(ScrapeConfig config, Labels target, Labels group) {
    Labels.Builder b = target.toBuilder();
    group.forEach(
        (name, value) -> {
          if (b.get(name) == null) {
            b.add(name, value);
          }
        });
    setIfAbsent(b, "job", config.jobName().value());
    setIfAbsent(b, "__scrape_interval__", Durations.format(config.scrapeInterval()));
    setIfAbsent(b, "__scrape_timeout__", Durations.format(config.scrapeTimeout()));
    setIfAbsent(b, "__metrics_path__", config.metricsPath());
    setIfAbsent(b, "__scheme__", config.scheme());
    for (Map.Entry<String, List<String>> p : config.params().entrySet()) {
      String name = "__param_" + p.getKey();
      if (!p.getValue().isEmpty() && isLabelName(name)) {
        setIfAbsent(b, name, p.getValue().get(0));
      }
    }
    return b.build();
  }

  private static boolean isLabelName(String s) {
    return s.matches("[a-zA-Z_][a-zA-Z0-9_]*");
  }

  private static void setIfAbsent(Labels.Builder b, String name, String value) {
    String v = b.get(name);
    if (v == null || v.isEmpty()) {
      b.set(name, value);
    }
  }

  private static Duration duration(Labels labels, String name, String what) {
    String text = labels.get(name);
    Duration d;
    try {
      d = Durations.parse(text == null ? "" : text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("error parsing scrape " + what + ": " + e.getMessage(), e);
    }
    if (d.isZero()) {
      throw new IllegalArgumentException("scrape " + what + " cannot be 0");
    }
    return d;
  }

  private static URI url(ScrapeConfig config, Labels labels, String scheme, String address) {
    TreeMap<String, List<String>> params = new TreeMap<>();
    config.params().forEach((k, v) -> params.put(k, new ArrayList<>(v)));
    labels.forEach(
        (name, value) -> {
          if (name.startsWith("__param_")) {
            List<String> values = params.computeIfAbsent(name.substring(8), k -> new ArrayList<>());
            if (values.isEmpty()) {
              values.add(value);
            } else {
              values.set(0, value);
            }
          }
        });
    String path = labels.get("__metrics_path__");
    path = path == null ? "" : path;
    if (!path.isEmpty() && !path.startsWith("/")) {
      path = "/" + path;
    }
    try {
      URI base = new URI(scheme, address, path, null, null);
      String query = encode(params);
      return query.isEmpty() ? base : new URI(base.toASCIIString() + "?" + query);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "invalid target URL for address \"" + address + "\": " + e.getReason(), e);
    }
  }

  /** Go's {@code url.Values.Encode}: sorted by key, {@code QueryEscape}d. */
  static String encode(SortedMap<String, List<String>> params) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<String>> e : params.entrySet()) {
      String key = queryEscape(e.getKey());
      for (String v : e.getValue()) {
        if (sb.length() > 0) {
          sb.append('&');
        }
        sb.append(key).append('=').append(queryEscape(v));
      }
    }
    return sb.toString();
  }

  static String queryEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_'
          || c == '.'
          || c == '~') {
        sb.append((char) c);
      } else if (c == ' ') {
        sb.append('+');
      } else {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return sb.toString();
  }
}
