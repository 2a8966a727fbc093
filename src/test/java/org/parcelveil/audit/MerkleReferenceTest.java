package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.parcelveil.tlog.Hashes;
import org.parcelveil.tlog.MerkleProofs;

/**
 * Every proof for every pair of sizes up to 70 against the RFC 6962 definitions written out directly (MTH, PATH,
 * SUBPROOF), and through the RFC 9162 verifier.
 */
class MerkleReferenceTest {
  private static final int MAX = 70;

  @Test
  void storedTreeProofs_matchRfcDefinitions_andVerify() {
    Random random = new Random(6962);
    List<byte[]> leaves = new ArrayList<>();
    Map<Long, byte[]> nodes = new HashMap<>();
    Frontier f = Frontier.empty();
    for (int i = 0; i < MAX; i++) {
      byte[] data = new byte[random.nextInt(40)];
      random.nextBytes(data);
      leaves.add(Hashes.leaf(data));
      f.append(leaves.get(i), (l, idx, h) -> nodes.put(NodeIds.id(l, idx), h));
    }
    for (int n = 1; n <= MAX; n++) {
      List<byte[]> d = leaves.subList(0, n);
      byte[] root = mth(d);
      assertThat(Hex.of(ProofPlan.rootOf(n, nodes))).isEqualTo(Hex.of(root));
      for (int m = 0; m < n; m++) {
        List<byte[]> proof = ProofPlan.inclusion(m, n).hashes(nodes);
        assertThat(hex(proof)).as("PATH(%d, %d)", m, n).isEqualTo(hex(path(m, d)));
        assertThat(MerkleProofs.verifyInclusion(m, n, leaves.get(m), proof, root)).isTrue();
        assertThat(MerkleProofs.verifyInclusion(m, n, leaves.get((m + 1) % n), proof, root)).isEqualTo(n == 1);
      }
      for (int m = 1; m <= n; m++) {
        List<byte[]> proof = ProofPlan.consistency(m, n).hashes(nodes);
        assertThat(hex(proof)).as("PROOF(%d, %d)", m, n).isEqualTo(hex(m == n ? List.of() : subproof(m, d, true)));
        byte[] old = mth(leaves.subList(0, m));
        assertThat(MerkleProofs.verifyConsistency(m, n, proof, old, root)).isTrue();
        if (m < n) {
          assertThat(MerkleProofs.verifyConsistency(m, n, proof, Hashes.emptyRoot(), root)).isFalse();
        }
      }
    }
  }

  private static byte[] mth(List<byte[]> d) {
    if (d.isEmpty()) {
      return Hashes.emptyRoot();
    }
    if (d.size() == 1) {
      return d.get(0);
    }
    int k = Integer.highestOneBit(d.size() - 1);
    return Hashes.node(mth(d.subList(0, k)), mth(d.subList(k, d.size())));
  }

  private static List<byte[]> path(int m, List<byte[]> d) {
    List<byte[]> out = new ArrayList<>();
    if (d.size() <= 1) {
      return out;
    }
    int k = Integer.highestOneBit(d.size() - 1);
    if (m < k) {
      out.addAll(path(m, d.subList(0, k)));
      out.add(mth(d.subList(k, d.size())));
    } else {
      out.addAll(path(m - k, d.subList(k, d.size())));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  private static List<byte[]> subproof(int m, List<byte[]> d, boolean b) {
    List<byte[]> out = new ArrayList<>();
    if (m == d.size()) {
      if (!b) {
        out.add(mth(d));
      }
      return out;
    }
    int k = Integer.highestOneBit(d.size() - 1);
    if (m <= k) {
      out.addAll(subproof(m, d.subList(0, k), b));
      out.add(mth(d.subList(k, d.size())));
    } else {
      out.addAll(subproof(m - k, d.subList(k, d.size()), false));
      out.add(mth(d.subList(0, k)));
    }
    return out;
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(Hex::of).toList();
  }
}
