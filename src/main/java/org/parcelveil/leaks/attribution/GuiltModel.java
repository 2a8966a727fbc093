package org.parcelveil.leaks.attribution;

import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guilt model of Papadimitriou and Garcia-Molina ("Data Leakage Detection", IEEE TKDE 23(1), 2011, Section 4,
 * "Agent Guilt Model", its last two equations). Each leaked object t was either obtained independently of every
 * agent, with probability p_t, or leaked by exactly one of the agents that held it (V_t), each equally likely
 * (Assumption 2); objects are independent (Assumption 1). Then
 *
 * <pre>
 *   Pr{U_i leaked t to S} = (1 - p_t) / |V_t|                    if U_i is in V_t, else 0
 *   Pr{G_i | S}          = 1 - prod over t in S ∩ R_i of (1 - (1 - p_t) / |V_t|)
 * </pre>
 *
 * S is a set: the caller adds each leaked object once (see {@link Ranking}). The product is kept as a sum of
 * logarithms, {@code weight = -Σ ln(1 - (1 - p_t)/|V_t|)}, so that agents whose guilt rounds to 1 still rank by their
 * evidence; {@code score = 1 - e^-weight} is Pr{G_i|S} itself. A term that is certain (p_t = 0 and a single holder:
 * a canary only one channel had) has an infinite logarithm; it is counted apart ({@code certain}) and makes the score
 * exactly 1, as in the paper, instead of being capped at some large weight that ordinary evidence could overtake.
 */
public final class GuiltModel {
  private final Map<Agent, Tally> tallies = new HashMap<>();

  /** One agent's running total, and how it held the objects it is counted for. */
  private static final class Tally {
    double weight;
    int certain;
    int covered;
    final Map<How, Integer> how = new EnumMap<>(How.class);
    Instant first;
    Instant last;

    void saw(Sighting s) {
      how.merge(s.how(), 1, Integer::sum);
      first = first == null || s.at().isBefore(first) ? s.at() : first;
      last = last == null || s.at().isAfter(last) ? s.at() : last;
    }
  }

  /** Adds one leaked object held by {@code holders}, obtainable independently with probability {@code p}. */
  public void add(Map<Agent, Sighting> holders, double p) {
    if (holders.isEmpty()) {
      return; // nobody held it: the model says it was obtained elsewhere, and it implicates nobody
    }
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("p must be in [0, 1], was " + p);
    }
    double leakedBy = (1 - p) / holders.size();
    boolean certain = leakedBy >= 1;
    double term = certain ? 0 : -Math.log1p(-leakedBy);
    holders.forEach((agent, sighting) -> {
      Tally t = tallies.computeIfAbsent(agent, a -> new Tally());
      t.weight += term;
      t.certain += certain ? 1 : 0;
      t.covered++;
      t.saw(sighting);
    });
  }

  /**
   * The agents most likely guilty, best first: by Pr{G_i|S} (certain ones first), then, where the paper's
   * probabilities tie (all certain, or equal), by the number of certain objects, the weight, and records covered.
   */
  public List<Suspect> suspects(int limit) {
    return tallies.entrySet().stream()
        .sorted(Comparator.<Map.Entry<Agent, Tally>>comparingInt(e -> -e.getValue().certain)
            .thenComparingDouble(e -> -e.getValue().weight)
            .thenComparingInt(e -> -e.getValue().covered)
            .thenComparing(e -> e.getKey().toString()))
        .limit(limit)
        .map(e -> suspect(e.getKey(), e.getValue()))
        .toList();
  }

  private static Suspect suspect(Agent agent, Tally t) {
    double score = t.certain > 0 ? 1.0 : -Math.expm1(-t.weight);
    return new Suspect(agent, score, t.weight, t.certain, t.covered, new Evidence(t.how, t.first, t.last));
  }

  /** Pr{G_i|S} for a single agent from its terms, as the paper writes it (for tests of the algebra). */
  static double guilt(double[] p, int[] holders) {
    double notGuilty = 1;
    for (int i = 0; i < p.length; i++) {
      notGuilty *= 1 - (1 - p[i]) / holders[i];
    }
    return 1 - notGuilty;
  }
}
