package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.tlog.MerkleProofs;

/**
 * An insider edits the log in the database. A plain edit is named by the verifier down to the entry. An insider
 * who also rebuilds the tree and re-signs (they hold the key) fools the database's own checks, but not a witness:
 * the verifier fails against the witness's old checkpoint, and no consistency proof from it verifies.
 */
class TamperTest {
  private static final int TRUSTED = 20;
  private static final int EARLY = 4;

  /** A log of 25 entries with checkpoints at 4, 20 (the witness keeps that one) and 25. */
  private static String seed(AuditFixture fx) {
    fx.append(0, EARLY);
    fx.publish();
    fx.append(EARLY, TRUSTED - EARLY);
    String trusted = fx.publish();
    fx.append(TRUSTED, 5);
    fx.publish();
    AuditReport clean = fx.verifier().verify(trusted);
    assertThat(clean.status()).as(String.join("; ", clean.messages())).isEqualTo(AuditReport.Status.VERIFIED);
    assertThat(clean.treeSize()).isEqualTo(25);
    assertThat(clean.checkpointSize()).isEqualTo(25);
    return trusted;
  }

  private static void assertNamed(AuditFixture fx, String trusted, long firstBad) {
    AuditReport report = fx.verifier().verify(trusted);
    assertThat(report.status()).isEqualTo(AuditReport.Status.FAILED);
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.firstBadIndex()).as(String.join("; ", report.messages())).isEqualTo(firstBad);
    assertThat(report.messages().get(0)).isEqualTo("the first bad entry is " + firstBad);
  }

  /** After the insider rebuilt the tree, re-signed and the log grew on: only the witness's checkpoint catches it. */
  private static void assertOnlyWitnessCatches(AuditFixture fx, String trusted) {
    Insider.coverTracks(fx.db, EARLY);
    fx.append(100, 8);
    String fresh = fx.publish();
    assertThat(fx.verifier().verify(null).status()).isEqualTo(AuditReport.Status.VERIFIED);

    AuditReport report = fx.verifier().verify(trusted);
    assertThat(report.status()).isEqualTo(AuditReport.Status.FAILED);
    assertThat(report.messages()).anyMatch(m -> m.contains("does not extend the trusted checkpoint of size 20")
        || m.contains("fewer than the trusted checkpoint's 20"));

    Checkpoint old = Checkpoint.parse(trusted.substring(0, trusted.indexOf("\n\n") + 1));
    Checkpoint now = Checkpoint.parse(fresh.substring(0, fresh.indexOf("\n\n") + 1));
    assertThat(now.size()).isGreaterThan(old.size());
    List<byte[]> proof = fx.reader().consistency(old.size(), now.size()).hashes();
    assertThat(MerkleProofs.verifyConsistency(old.size(), now.size(), proof, old.root(), now.root())).isFalse();
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void alteredEntry_isNamed(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      String trusted = seed(fx);
      fx.sql("UPDATE audit_entries SET outcome = 'allowed', reason = NULL WHERE idx = 6");
      assertNamed(fx, trusted, 6);
      assertOnlyWitnessCatches(fx, trusted);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void editedStoredTree_isNamed(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      String trusted = seed(fx);
      // Entry 11 completes subtrees of levels 1 and 2: forge the level-2 hash, as a forged proof would need.
      Insider.editEntries(fx.db, c -> {
        byte[] hashes = TreeStore.nodes(Insider.on(c), List.of(NodeIds.id(0, 11))).get(NodeIds.id(0, 11));
        try (var ps = c.prepareStatement("UPDATE audit_entries SET tree_hashes = ? WHERE idx = 11")) {
          ps.setBytes(1, java.nio.ByteBuffer.allocate(96).put(hashes).put(new byte[64]).array());
          ps.executeUpdate();
        }
      });
      assertNamed(fx, trusted, 11);
      assertThat(fx.reader().inclusion(8, 25).hashes()).isNotEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void deletedEntry_isNamed(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      String trusted = seed(fx);
      fx.sql("DELETE FROM audit_entries WHERE idx = 9");
      assertNamed(fx, trusted, 9);
      Insider.editEntries(fx.db, c -> {
        for (long i = 10; i < 25; i++) {
          Insider.move(c, i, i - 1);
        }
      });
      assertOnlyWitnessCatches(fx, trusted);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void reorderedEntries_areNamed(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      String trusted = seed(fx);
      Insider.editEntries(fx.db, c -> {
        Insider.move(c, 12, 1000);
        Insider.move(c, 13, 12);
        Insider.move(c, 1000, 13);
      });
      assertNamed(fx, trusted, 12);
      assertOnlyWitnessCatches(fx, trusted);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void insertedEntry_isNamed(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      String trusted = seed(fx);
      Insider.editEntries(fx.db, c -> {
        for (long i = 24; i >= 7; i--) {
          Insider.move(c, i, i + 1);
        }
        AuditRecord forged = AuditRecord.admin("principal.create", "pr_admin", "admin", "pr_mole");
        AuditEntry entry = new AuditEntry(7, Instant.now(), new byte[16], forged);
        Insider.insert(c, entry, entry.leafHash());
      });
      assertNamed(fx, trusted, 7);
      assertOnlyWitnessCatches(fx, trusted);
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void truncatedLog_isNamed_andRollbackWithRegrowthFailsTheWitness(String kind) {
    try (AuditFixture fx = AuditFixture.open(kind)) {
      String trusted = seed(fx);
      fx.sql("DELETE FROM audit_entries WHERE idx >= 15");
      assertNamed(fx, trusted, 15);
      // Roll back to 15 for good: tree, head and checkpoints; then the log grows past the witness's size again.
      assertOnlyWitnessCatches(fx, trusted);
    }
  }
}
