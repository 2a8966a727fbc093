package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.tlog.Hashes;
import org.parcelveil.tlog.MerkleProofs;

/** The Merkle code against the published RFC 6962 vectors in {@code audit/rfc6962-vectors.txt}. */
class MerkleVectorsTest {
  static final Vectors V = Vectors.load();

  record ProofVector(long a, long b, List<byte[]> proof) {
    @Override
    public String toString() {
      return a + ":" + b;
    }
  }

  record Vectors(List<byte[]> leaves, Map<Long, byte[]> nodes, Map<Long, byte[]> roots, List<ProofVector> inclusion,
      List<ProofVector> consistency) {
    static Vectors load() {
      try (InputStream in = MerkleVectorsTest.class.getResourceAsStream("/audit/rfc6962-vectors.txt")) {
        Vectors v = new Vectors(new ArrayList<>(), new HashMap<>(), new HashMap<>(), new ArrayList<>(),
            new ArrayList<>());
        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
          String[] f = line.split(" ");
          switch (f[0]) {
            case "leaf" -> v.leaves.add(f[1].equals("-") ? new byte[0] : Hex.parse(f[1]));
            case "node" -> v.nodes.put(NodeIds.id(Integer.parseInt(f[1]), Long.parseLong(f[2])), Hex.parse(f[3]));
            case "root" -> v.roots.put(Long.parseLong(f[1]), Hex.parse(f[2]));
            case "inclusion" -> v.inclusion.add(new ProofVector(Long.parseLong(f[1]), Long.parseLong(f[2]), hashes(f[3])));
            case "consistency" -> v.consistency.add(
                new ProofVector(Long.parseLong(f[1]), Long.parseLong(f[2]), hashes(f[3])));
            default -> { }
          }
        }
        return v;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private static List<byte[]> hashes(String s) {
      return s.equals("-") ? List.of() : Arrays.stream(s.split(",")).map(Hex::parse).toList();
    }
  }

  static Stream<ProofVector> inclusions() {
    return V.inclusion().stream();
  }

  static Stream<ProofVector> consistencies() {
    return V.consistency().stream();
  }

  /** The stored nodes of the 8-leaf tree, as the writer emits them. */
  static Map<Long, byte[]> written() {
    Map<Long, byte[]> nodes = new HashMap<>();
    Frontier f = Frontier.empty();
    V.leaves().forEach(leaf -> f.append(Hashes.leaf(leaf), (l, i, h) -> nodes.put(NodeIds.id(l, i), h)));
    return nodes;
  }

  @Test
  void frontier_emitsEveryPublishedNodeAndRoot() {
    Map<Long, byte[]> nodes = new HashMap<>();
    Frontier f = Frontier.empty();
    assertThat(Hex.of(f.root())).isEqualTo(Hex.of(V.roots().get(0L)));
    for (byte[] leaf : V.leaves()) {
      f.append(Hashes.leaf(leaf), (l, i, h) -> nodes.put(NodeIds.id(l, i), h));
      assertThat(Hex.of(f.root())).as("root %d", f.size()).isEqualTo(Hex.of(V.roots().get(f.size())));
      assertThat(Hex.of(Frontier.of(f.size(), nodes).root())).isEqualTo(Hex.of(f.root()));
    }
    assertThat(nodes.keySet()).isEqualTo(V.nodes().keySet());
    V.nodes().forEach((id, hash) -> assertThat(Hex.of(nodes.get(id))).isEqualTo(Hex.of(hash)));
  }

  @Test
  void storedRoot_matchesPublishedRootAtEverySize() {
    Map<Long, byte[]> nodes = written();
    V.roots().forEach((size, root) ->
        assertThat(Hex.of(ProofPlan.rootOf(size, nodes))).as("size %d", size).isEqualTo(Hex.of(root)));
  }

  @ParameterizedTest
  @MethodSource("inclusions")
  void inclusionProof_generatedAsPublished_andVerifies(ProofVector v) {
    ProofPlan plan = ProofPlan.inclusion(v.a(), v.b());
    assertThat(hex(plan.hashes(written()))).isEqualTo(hex(v.proof()));
    byte[] leaf = Hashes.leaf(V.leaves().get((int) v.a()));
    assertThat(MerkleProofs.verifyInclusion(v.a(), v.b(), leaf, v.proof(), V.roots().get(v.b()))).isTrue();
  }

  @ParameterizedTest
  @MethodSource("consistencies")
  void consistencyProof_generatedAsPublished_andVerifies(ProofVector v) {
    ProofPlan plan = ProofPlan.consistency(v.a(), v.b());
    assertThat(hex(plan.hashes(written()))).isEqualTo(hex(v.proof()));
    assertThat(MerkleProofs.verifyConsistency(v.a(), v.b(), v.proof(), V.roots().get(v.a()), V.roots().get(v.b())))
        .isTrue();
  }

  /** The corruptions of transparency-dev/merkle's proof/verify_test.go (corruptInclusionProof) must all fail. */
  @ParameterizedTest
  @MethodSource("inclusions")
  void inclusionProof_corrupted_fails(ProofVector v) {
    long i = v.a();
    long n = v.b();
    byte[] root = V.roots().get(n);
    byte[] leaf = Hashes.leaf(V.leaves().get((int) i));
    List<byte[]> p = v.proof();
    byte[] some = Hex.parse("abacaba000000000000000000000000000000000000000000060061e00123456");
    assertThat(MerkleProofs.verifyInclusion(i - 1, n, leaf, p, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i + 1, n, leaf, p, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i ^ 2, n, leaf, p, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i, n * 2, leaf, p, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i, n / 2, leaf, p, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i, n, "WrongLeaf".getBytes(), p, root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i, n, leaf, p, Hashes.emptyRoot())).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i, n, leaf, p, some)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i, n, leaf, with(p, new byte[0], false), root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i, n, leaf, with(p, root, false), root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i, n, leaf, with(p, new byte[0], true), root)).isFalse();
    assertThat(MerkleProofs.verifyInclusion(i, n, leaf, with(p, root, true), root)).isFalse();
    for (int k = 0; k < p.size(); k++) {
      assertThat(MerkleProofs.verifyInclusion(i, n, leaf, flipped(p, k, 8), root)).as("bit in %d", k).isFalse();
    }
    if (!p.isEmpty()) {
      assertThat(MerkleProofs.verifyInclusion(i, n, leaf, p.subList(0, p.size() - 1), root)).isFalse();
    }
    if (p.size() > 1) {
      List<byte[]> inserted = new ArrayList<>(p);
      inserted.add(1, some);
      assertThat(MerkleProofs.verifyInclusion(i, n, leaf, inserted, root)).isFalse();
    }
  }

  /** The corruptions of transparency-dev/merkle's proof/verify_test.go (corruptConsistencyProof). */
  @ParameterizedTest
  @MethodSource("consistencies")
  void consistencyProof_corrupted_fails(ProofVector v) {
    long m = v.a();
    long n = v.b();
    List<byte[]> p = v.proof();
    if (p.isEmpty()) {
      return;
    }
    byte[] r1 = V.roots().get(m);
    byte[] r2 = V.roots().get(n);
    byte[] wrong = "WrongRoot".getBytes();
    assertThat(MerkleProofs.verifyConsistency(m - 1, n, p, r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m + 1, n, p, r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m ^ 2, n, p, r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n * 2, p, r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n / 2, p, r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n, p, wrong, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n, p, r1, wrong)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n, p, r2, r1)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n, List.of(), r1, r2)).isFalse();
    for (byte[] extra : List.of(new byte[0], r1, r2)) {
      assertThat(MerkleProofs.verifyConsistency(m, n, with(p, extra, false), r1, r2)).isFalse();
      assertThat(MerkleProofs.verifyConsistency(m, n, with(p, extra, true), r1, r2)).isFalse();
    }
    assertThat(MerkleProofs.verifyConsistency(m, n, with(p, p.get(0), true), r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(m, n, p.subList(0, p.size() - 1), r1, r2)).isFalse();
    for (int k = 0; k < p.size(); k++) {
      assertThat(MerkleProofs.verifyConsistency(m, n, flipped(p, k, 16), r1, r2)).as("bit in %d", k).isFalse();
    }
  }

  /** transparency-dev/merkle's TestVerifyConsistency edge cases. */
  @Test
  void consistency_edgeCases() {
    byte[] r1 = "don't care 1".getBytes();
    byte[] r2 = "don't care 2".getBytes();
    byte[] empty = Hashes.emptyRoot();
    assertThat(MerkleProofs.verifyConsistency(0, 0, List.of(), r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(1, 1, List.of(), r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(0, 0, List.of(), r1, r1)).isTrue();
    assertThat(MerkleProofs.verifyConsistency(0, 1, List.of(), r1, r2)).isTrue();
    assertThat(MerkleProofs.verifyConsistency(1, 1, List.of(), r2, r2)).isTrue();
    assertThat(MerkleProofs.verifyConsistency(1, 0, List.of(), r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(2, 1, List.of(), r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(1, 2, List.of(), r1, r2)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(0, 0, List.of(empty), empty, empty)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(0, 1, List.of(empty), empty, empty)).isFalse();
    assertThat(MerkleProofs.verifyConsistency(1, 1, List.of(empty), empty, empty)).isFalse();
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(Hex::of).toList();
  }

  private static List<byte[]> with(List<byte[]> proof, byte[] extra, boolean front) {
    List<byte[]> out = new ArrayList<>(proof);
    out.add(front ? 0 : out.size(), extra);
    return out;
  }

  private static List<byte[]> flipped(List<byte[]> proof, int k, int bit) {
    List<byte[]> out = new ArrayList<>(proof);
    byte[] h = out.get(k).clone();
    h[0] ^= (byte) bit;
    out.set(k, h);
    return out;
  }
}
