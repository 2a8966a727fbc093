package org.parcelveil.leaks.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The guilt model of Papadimitriou and Garcia-Molina ("Data Leakage Detection", IEEE TKDE 23(1), 2011). Each leaked
 * object t was either obtained independently of every agent, with probability p_t, or leaked by exactly one of the
 * agents that held it (V_t), each equally likely; objects are independent. Then
 *
 * <pre>
 *   Pr{U_i leaked t to S} = (1 - p_t) / |V_t|                    if U_i is in V_t, else 0
 *   Pr{G_i | S}          = 1 - prod over t in S ∩ R_i of (1 - (1 - p_t) / |V_t|)
 * </pre>
 *
 * The product is kept as a sum of logarithms, {@code weight = -Σ ln(1 - (1 - p_t)/|V_t|)}, so that agents whose guilt
 * probability rounds to 1 still rank by their evidence; {@code score = 1 - e^-weight} is Pr{G_i|S} itself. A term
 * that is certain (p_t = 0 and a single holder, e.g. a canary) adds {@link #CERTAIN}.
 */
public final class GuiltModel {
  static final double CERTAIN = 50.0;
  private final int maxEvidence;
  private final Map<Agent, Tally> tallies = new HashMap<>();

  public GuiltModel(int maxEvidence) {
    this.maxEvidence = maxEvidence;
  }

  /** One agent's running total. */
  private static final class Tally {
    double weight;
    int covered;
    final List<Sighting> evidence = new ArrayList<>();
  }

  /** Adds one leaked object held by {@code holders}, obtainable independently with probability {@code p}. */
  public void add(Map<Agent, Sighting> holders, double p) {
    if (holders.isEmpty()) {
      return;
    }
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException("p must be in [0, 1], was " + p);
    }
    double leakedBy = (1 - p) / holders.size();
    double term = leakedBy >= 1 ? CERTAIN : -Math.log1p(-leakedBy);
    holders.forEach((agent, sighting) -> {
      Tally t = tallies.computeIfAbsent(agent, a -> new Tally());
      t.weight += term;
      t.covered++;
      if (t.evidence.size() < maxEvidence) {
        t.evidence.add(sighting);
      }
    });
  }

  /** The agents most likely guilty, best first: by weight, then by records covered. */
  public List<Suspect> suspects(int limit) {
    return tallies.entrySet().stream()
        .sorted(Comparator.<Map.Entry<Agent, Tally>>comparingDouble(e -> -e.getValue().weight)
            .thenComparingInt(e -> -e.getValue().covered)
            .thenComparing(e -> e.getKey().toString()))
        .limit(limit)
        .map(e -> new Suspect(e.getKey(), -Math.expm1(-e.getValue().weight), e.getValue().weight,
            e.getValue().covered, List.copyOf(e.getValue().evidence)))
        .toList();
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
