package org.parcelveil.leaks.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The guilt model against hand-computed cases of Papadimitriou and Garcia-Molina's model (TKDE 2011, Section 4):
 * Pr{G_i|S} = 1 - prod over t in S ∩ R_i of (1 - (1 - p)/|V_t|).
 */
class GuiltModelTest {
  private static final Agent U1 = Agent.principal("pr_u1");
  private static final Agent U2 = Agent.principal("pr_u2");
  private static final Instant AT = Instant.parse("2026-11-02T08:00:00Z");

  /**
   * T = {t1, t2, t3}; U1 got R1 = {t1, t2}, U2 got R2 = {t1, t3}; the target holds S = {t1, t2}; p = 0.2.
   * V_t1 = {U1, U2}, V_t2 = {U1}. By hand: Pr{G1|S} = 1 - (1 - 0.8/2)(1 - 0.8/1) = 1 - 0.6 × 0.2 = 0.88;
   * Pr{G2|S} = 1 - (1 - 0.8/2) = 0.4 (t3 was not leaked, so it says nothing about U2).
   */
  @Test
  void twoAgentsSharingOneLeakedObject_matchTheHandComputedProbabilities() {
    GuiltModel m = new GuiltModel();
    m.add(holders("t1", U1, U2), 0.2);
    m.add(holders("t2", U1), 0.2);

    List<Suspect> s = m.suspects(10);

    assertThat(s).extracting(Suspect::agent).containsExactly(U1, U2);
    assertThat(s.get(0).score()).isCloseTo(0.88, within(1e-12));
    assertThat(s.get(1).score()).isCloseTo(0.40, within(1e-12));
    assertThat(s.get(0).score()).isCloseTo(GuiltModel.guilt(new double[] {0.2, 0.2}, new int[] {2, 1}), within(1e-12));
    assertThat(s.get(0).weight()).isCloseTo(-Math.log(0.6) - Math.log(0.2), within(1e-12));
    assertThat(s.get(0).covered()).isEqualTo(2);
  }

  @Test
  void probabilityOfGuessing_one_implicatesNobody_andZero_withOneHolder_isCertain() {
    GuiltModel m = new GuiltModel();
    m.add(holders("t1", U1), 1.0);
    m.add(holders("c1", U2), 0.0);

    List<Suspect> s = m.suspects(10);

    assertThat(s).extracting(Suspect::agent).containsExactly(U2, U1);
    assertThat(s.get(0).score()).isEqualTo(1.0);
    assertThat(s.get(0).certain()).isEqualTo(1);
    assertThat(s.get(1).score()).isZero();
  }

  /**
   * A canary only one agent held makes its guilt 1 in the paper; 100 objects shared with one other agent make
   * 1 - 0.6^100, less than 1. The certain agent ranks first however much ordinary evidence the other has.
   */
  @Test
  void certainGuilt_ranksAboveAnyAmountOfUncertainEvidence() {
    Agent canaryChannel = Agent.channel("merchant:acme-erp");
    GuiltModel m = new GuiltModel();
    m.add(holders("c1", canaryChannel), 0.0);
    for (int i = 0; i < 100; i++) {
      m.add(holders("t" + i, U1, U2), 0.2);
    }

    List<Suspect> s = m.suspects(10);

    assertThat(s.get(0).agent()).isEqualTo(canaryChannel);
    assertThat(s.get(1).score()).isLessThanOrEqualTo(1.0).isGreaterThan(0.999);
    assertThat(s.get(1).weight()).isCloseTo(-100 * Math.log(0.6), within(1e-9));
  }

  /** The paper's S is a set: the same object listed twice leaves Pr{G_i|S} as once, here 1 - (1 - 0.8/1) = 0.8. */
  @Test
  void aRecordListedTwice_countsOnce() {
    Exposure t = new Exposure("W1", "recipient", null, List.of(
        new Sighting(U1, How.REVEALED, "W1", "recipient", AT)));
    Ranking r = new Ranking(records -> records.stream().map(x -> List.of(t)).toList(), 0.2);
    LeakRecord line = new LeakRecord(null, "13900000001", "x");

    r.add(List.of(line, line, new LeakRecord("W1", "13900000001", "x")));

    assertThat(r.matched()).isEqualTo(3);
    assertThat(r.objects()).isEqualTo(1);
    assertThat(r.suspects(1).get(0).score()).isCloseTo(0.8, within(1e-12));
  }

  private static Map<Agent, Sighting> holders(String object, Agent... agents) {
    Map<Agent, Sighting> out = new LinkedHashMap<>();
    for (Agent a : agents) {
      out.put(a, new Sighting(a, How.REVEALED, object, "recipient", AT));
    }
    return out;
  }
}
