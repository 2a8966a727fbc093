package org.parcelveil.leaks.attribution;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One attribution run's arithmetic: matches records chunk by chunk, counts them, and feeds each distinct leaked object
 * with its candidates to the guilt model. Holds no records, only counts, matched waybills and parties, canary hits,
 * one key per object (waybills and parties, no personal data), and, for the run's shape, how many phone records share
 * each seven-digit prefix (in memory for the run only).
 */
public final class Ranking {
  private final ExposureSource source;
  private final double p;
  private final GuiltModel model;
  private final Set<Match> matches = new LinkedHashSet<>();
  private final Map<String, Integer> prefixes = new HashMap<>();
  private final Map<String, String> canaryHits = new LinkedHashMap<>();
  private final Set<String> objects = new HashSet<>();
  private int records;
  private int matched;
  private int phoneRecords;
  private int unmatchedPhoneRecords;
  private int largestPrefix;

  /** A shipment and party a record matched (party null when only its waybill matched): what the audit log names. */
  public record Match(String waybill, @Nullable String party) {}

  /**
   * The run's shape, to tell a leaked list from a walk through a number range: records holding a phone, those of them
   * that matched nothing, and the most that share one seven-digit prefix.
   */
  public record Shape(int phoneRecords, int unmatchedPhoneRecords, int largestPrefix) {}

  /**
   * @param p the probability that a leaked record was obtained without any of our agents (the model's p); canary
   *     records use 0, as nobody outside could hold them
   */
  public Ranking(ExposureSource source, double p) {
    if (p < 0 || p >= 1) {
      throw new IllegalArgumentException("p must be in [0, 1), was " + p);
    }
    this.source = source;
    this.p = p;
    this.model = new GuiltModel();
  }

  public void add(List<LeakRecord> chunk) {
    List<List<Exposure>> found = source.match(chunk);
    for (int i = 0; i < chunk.size(); i++) {
      records++;
      List<Exposure> exposures = found.get(i);
      shape(chunk.get(i), exposures.isEmpty());
      if (exposures.isEmpty()) {
        continue;
      }
      matched++;
      boolean canary = false;
      for (Exposure e : exposures) {
        matches.add(new Match(e.waybill(), e.party()));
        if (e.canaryChannel() != null) {
          canary = true;
          canaryHits.put(e.waybill(), e.canaryChannel());
        }
      }
      // The paper's S is a set: a record listed twice, or the same customer on two lines, is one object t, and
      // counting it twice would multiply its holders' guilt by evidence that is not there.
      if (objects.add(objectKey(chunk.get(i), exposures))) {
        model.add(CandidateRules.holders(chunk.get(i), exposures), canary ? 0 : p);
      }
    }
  }

  private void shape(LeakRecord r, boolean unmatched) {
    if (r.phone() == null || r.phone().isBlank()) {
      return;
    }
    phoneRecords++;
    unmatchedPhoneRecords += unmatched ? 1 : 0;
    String digits = r.phone().replaceAll("[^0-9]", "");
    if (digits.length() == 13 && digits.startsWith("86")) {
      digits = digits.substring(2);
    }
    if (digits.length() >= 7) {
      largestPrefix = Math.max(largestPrefix, prefixes.merge(digits.substring(0, 7), 1, Integer::sum));
    }
  }

  /**
   * What a record leaked, as the model's object: the shipments and parties it matched, and whether it held personal
   * data (which decides its candidates). Two records with the same key have the same V_t and are the same datum.
   */
  static String objectKey(LeakRecord r, List<Exposure> exposures) {
    StringBuilder b = new StringBuilder(r.personal() ? "p" : "w");
    exposures.stream().map(e -> e.waybill() + ":" + e.party()).sorted().forEach(k -> b.append('|').append(k));
    return b.toString();
  }

  public int records() {
    return records;
  }

  public int matched() {
    return matched;
  }

  /** Distinct leaked objects that matched (records repeating one another count once in the model). */
  public int objects() {
    return objects.size();
  }

  public int unmatched() {
    return records - matched;
  }

  /** Every shipment and party the run matched, each once. */
  public Set<Match> matches() {
    return matches;
  }

  public Shape shape() {
    return new Shape(phoneRecords, unmatchedPhoneRecords, largestPrefix);
  }

  /** Canary waybills found in the leak, with their channels. */
  public Map<String, String> canaryHits() {
    return canaryHits;
  }

  public List<Suspect> suspects(int limit) {
    return model.suspects(limit);
  }
}
