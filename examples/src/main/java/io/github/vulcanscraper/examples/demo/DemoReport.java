package io.github.vulcanscraper.examples.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints the demo as it goes: aligned periodic lines for a person, or one JSON object per line
 * (with an {@code event} field: {@code step}, {@code tick}, {@code event}, {@code summary}) for a
 * program.
 */
final class DemoReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final PrintStream out;
  private final boolean json;
  private String[] columns = new String[0];

  DemoReport(PrintStream out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void step(String text) {
    if (json) {
      line(Map.of("event", "step", "text", text));
    } else {
      out.println("== " + text);
    }
  }

  void event(String text) {
    if (json) {
      line(Map.of("event", "event", "text", text));
    } else {
      out.println(">> " + text);
    }
  }

  void header(String[] nodes) {
    columns = nodes.clone();
    if (!json) {
      StringBuilder sb = new StringBuilder(String.format("%6s  %-22s", "time", "members"));
      for (String n : nodes) {
        sb.append(String.format(" %7s", n));
      }
      sb.append(String.format("  %9s  %9s  %11s", "scrapes/s", "records", "samples"));
      out.println(sb);
    }
  }

  void tick(
      long seconds,
      String members,
      Map<String, Integer> owned,
      double scrapesPerSecond,
      LandedRecords landed) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "tick");
      m.put("seconds", seconds);
      m.put("members", members.isEmpty() ? new String[0] : members.split(","));
      m.put("targets", owned);
      m.put("scrapes_per_second", Math.round(scrapesPerSecond * 10) / 10.0);
      m.put("records", landed.records());
      m.put("samples", landed.samples());
      line(m);
      return;
    }
    StringBuilder sb = new StringBuilder(String.format("%5ds  %-22s", seconds, members));
    for (String n : columns) {
      Integer count = owned.get(n);
      sb.append(String.format(" %7s", count == null ? "-" : count.toString()));
    }
    sb.append(String.format("  %9.1f  %9d  %11d", scrapesPerSecond, landed.records(),
        landed.samples()));
    out.println(sb);
    if (seconds % 10 < 2 && !landed.lastDecoded().isEmpty()) {
      out.print("   last record decoded from Kafka:\n" + landed.lastDecoded());
    }
  }

  void summary(DemoResult r, String lastDecoded) {
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "summary");
      m.put("records", r.records());
      m.put("samples", r.samples());
      m.put("target_keys", r.keys());
      m.put("targets", r.targets());
      m.put("owned_by_leaving_node", r.ownedByLeavingNode());
      m.put("taken_over", r.takenOver());
      m.put("undecodable", r.undecodable());
      line(m);
      return;
    }
    out.println("== landed in Kafka: " + r.records() + " records, " + r.samples()
        + " samples, from " + r.keys() + " of " + r.targets() + " targets");
    out.println("== node-2 owned " + r.ownedByLeavingNode() + " targets when it left; "
        + (r.takenOver() ? "node-1 and node-3 took all of them over"
            : "its targets were NOT seen taken over"));
    if (!lastDecoded.isEmpty()) {
      out.print("== the last record, decoded:\n" + lastDecoded);
    }
  }

  private void line(Map<String, ?> fields) {
    try {
      out.println(JSON.writeValueAsString(fields));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
