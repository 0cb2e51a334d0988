package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Labels;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Attaches a target's labels to a scraped series as Prometheus does. With {@code honor_labels} a
 * scraped label wins a clash and the target label is dropped; without it the target label wins and
 * the scraped value moves to {@code exported_<name>} (or {@code exported_exported_<name>}, and so
 * on, while that name is taken), shorter names first. Immutable and thread-safe.
 */
final class SeriesLabeler {
  private static final String EXPORTED = "exported_";

  private final Labels target;
  private final boolean honorLabels;

  SeriesLabeler(Labels target, boolean honorLabels) {
    this.target = target;
    this.honorLabels = honorLabels;
  }

  /** The scraped labels with the target labels attached. */
  Labels label(Labels scraped) {
    if (target.isEmpty()) {
      return scraped;
    }
    if (scraped.isEmpty()) {
      return target;
    }
    Labels.Builder b = scraped.toBuilder();
    @Nullable List<String[]> conflicts = null;
    for (int i = 0; i < target.size(); i++) {
      String name = target.name(i);
      String existing = scraped.get(name);
      if (honorLabels) {
        if (existing == null) {
          b.set(name, target.value(i));
        }
      } else {
        b.set(name, target.value(i));
        if (existing != null) {
          if (conflicts == null) {
            conflicts = new ArrayList<>(2);
          }
          conflicts.add(new String[] {name, existing});
        }
      }
    }
    if (conflicts != null) {
      conflicts.sort((a, c) -> Integer.compare(a[0].length(), c[0].length()));
      for (String[] c : conflicts) {
        String name = c[0];
        do {
          name = EXPORTED + name;
        } while (isSet(b.get(name)));
        b.set(name, c[1]);
      }
    }
    return b.build();
  }

  private static boolean isSet(@Nullable String value) {
    return value != null && !value.isEmpty();
  }
}
