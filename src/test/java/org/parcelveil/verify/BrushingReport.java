package org.parcelveil.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a simulated day's verifications came to, per kind: how many were flagged, with which verdicts and why. */
final class BrushingReport {
  /** One kind's verifications. */
  static final class Tally {
    int total;
    int flagged;
    final Map<String, Integer> verdicts = new TreeMap<>();
    final Map<String, Integer> reasons = new TreeMap<>();

    double share() {
      return total == 0 ? 0 : flagged / (double) total;
    }
  }

  private final BrushingDay.Config config;
  private final Map<String, Tally> tallies = new LinkedHashMap<>();
  private double simulationSeconds;
  private double verifySeconds;
  private int verifications;

  BrushingReport(BrushingDay.Config config) {
    this.config = config;
    tallies.put(BrushingDay.GENUINE, new Tally());
    tallies.put(BrushingDay.GENUINE_AGAIN, new Tally());
    BrushingDay.ATTACKS.keySet().forEach(k -> tallies.put(k, new Tally()));
    tallies.put(BrushingDay.NO_PHONE, new Tally());
  }

  synchronized void add(String kind, JsonNode verification) {
    Tally t = tallies.get(kind);
    String verdict = verification.get("verdict").asText();
    t.total++;
    t.verdicts.merge(verdict, 1, Integer::sum);
    if (!verdict.equals("MATCH")) {
      t.flagged++;
      List<String> why = new ArrayList<>();
      verification.get("checks").forEach(c -> {
        String outcome = c.get("outcome").asText();
        if (outcome.equals("FAIL") || outcome.equals("WARN")) {
          why.add(c.get("name").asText() + " " + outcome);
        }
      });
      t.reasons.merge(String.join(" + ", why), 1, Integer::sum);
    }
  }

  void timing(double simulationSeconds, double verifySeconds, int verifications) {
    this.simulationSeconds = simulationSeconds;
    this.verifySeconds = verifySeconds;
    this.verifications = verifications;
  }

  synchronized Tally tally(String kind) {
    return tallies.get(kind);
  }

  /** The results as a Markdown section. */
  synchronized String markdown() {
    StringBuilder b = new StringBuilder();
    b.append(String.format("Day: %,d genuine orders, %,d of each attack, %d merchants, %d platforms, 24 stations and "
        + "6 hubs; seed %d. Simulated through the API in %.0f s; %,d verifications in %.1f s (%,.0f/s, %d clients).%n%n",
        config.genuine(), config.attacksPerKind(), config.merchants(), config.platforms(), config.seed(),
        simulationSeconds, verifications, verifySeconds, verifications / verifySeconds, config.clients()));
    b.append("| kind | what it is | verifications | flagged (not MATCH) | share | verdicts | why (failed or warned checks) |\n");
    b.append("|---|---|---:|---:|---:|---|---|\n");
    tallies.forEach((kind, t) -> b.append(String.format("| %s | %s | %,d | %,d | %s | %s | %s |%n", kind,
        describe(kind), t.total, t.flagged, percent(t.share()), join(t.verdicts), join(top(t.reasons)))));
    return b.toString();
  }

  private static String describe(String kind) {
    if (kind.equals(BrushingDay.GENUINE)) {
      return "an order whose parcel was sent for it, verified after its hub scans (goal: at most 1% flagged)";
    }
    if (kind.equals(BrushingDay.GENUINE_AGAIN)) {
      return "the same genuine order verified a second time";
    }
    if (kind.equals(BrushingDay.NO_PHONE)) {
      return "informational, outside the goal: as wrong_recipient, but the platform sends no buyer phone";
    }
    return "attack: " + BrushingDay.ATTACKS.get(kind) + " (goal: at least 99% flagged)";
  }

  private static String percent(double share) {
    return String.format("%.1f%%", share * 100);
  }

  private static Map<String, Integer> top(Map<String, Integer> reasons) {
    return reasons.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue()).limit(3)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (x, y) -> x, LinkedHashMap::new));
  }

  private static String join(Map<String, Integer> m) {
    return m.isEmpty() ? "–" : m.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
        .collect(Collectors.joining("; "));
  }
}
