package org.parcelveil.audit;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;
import org.parcelveil.tlog.Hashes;

/**
 * Verifies the log from its database, read-only and in one consistent snapshot, with the service running or not: it
 * recomputes the Merkle tree from the entries themselves (never from the stored tree), checks every stored
 * checkpoint's signature and root against it, checks that it extends a trusted checkpoint kept by a regulator or
 * witness, and names the first bad entry when the evidence allows.
 */
public final class AuditVerifier {
  private final Sql sql;
  private final List<NoteKey> keys;

  /**
   * @param mainDb the main database (the log's tables)
   * @param verifierKeys the log's public keys in C2SP vkey form ({@code name+keyid+base64}), every version that may
   *     have signed; get them out of band, e.g. from {@code GET /v1/audit/key?all=true}
   * @throws IllegalArgumentException if a key is malformed
   */
  public AuditVerifier(DataSource mainDb, Collection<String> verifierKeys) {
    this.sql = Sql.over(mainDb);
    this.keys = verifierKeys.stream().map(NoteKey::parse).toList();
  }

  /**
   * The public keys the log recorded for itself. Convenient for the operator, but an insider who can rewrite the
   * database can rewrite these too: a regulator uses keys obtained separately.
   */
  public static List<String> storedKeys(DataSource mainDb) {
    return Sql.over(mainDb).withHandle("the audit keys could not be read", CheckpointStore::keys);
  }

  /**
   * Verifies the log.
   *
   * @param trustedCheckpoint a signed checkpoint saved earlier from {@code GET /v1/audit/checkpoint}, or null
   */
  public AuditReport verify(@Nullable String trustedCheckpoint) {
    if (keys.isEmpty()) {
      return AuditReport.error("no verifier key given");
    }
    Checkpoint trusted = null;
    if (trustedCheckpoint != null) {
      try {
        trusted = Checkpoint.parse(Notes.open(trustedCheckpoint, keys));
      } catch (Notes.NoteException | IllegalArgumentException e) {
        return AuditReport.error("the trusted checkpoint cannot be used: " + e.getMessage());
      }
    }
    try (Handle h = sql.jdbi().open()) {
      h.setTransactionIsolationLevel(TransactionIsolationLevel.REPEATABLE_READ);
      h.setReadOnly(true);
      h.begin();
      try {
        return verify(h, trusted, trustedCheckpoint == null ? List.of() : otherSigners(trustedCheckpoint));
      } finally {
        h.rollback();
      }
    } catch (JdbiException e) {
      return AuditReport.error("the database could not be read: " + databaseMessage(e));
    }
  }

  /**
   * What a trusted checkpoint the log contradicts means: the log's key signed two trees, one of them shown to
   * whoever holds the trusted note (and to the witnesses that cosigned it). Names both roots, this log's last
   * checkpoint below that size, and the note's other signers (witnesses; their keys are not checked here).
   */
  private static String divergence(Checkpoint trusted, byte[] ours, List<CheckpointStore.Stored> stored,
      List<String> trustedSigners) {
    String sameSize = stored.stream().filter(s -> s.size() == trusted.size()).findFirst()
        .map(s -> "; this log published its own checkpoint of that size").orElse("");
    long before = stored.stream().mapToLong(CheckpointStore.Stored::size).filter(n -> n < trusted.size()).max()
        .orElse(0);
    return "split view: the log's key signed a tree of size " + trusted.size() + " with root "
        + Hex.of(trusted.root()) + ", but this log's entries give root " + Hex.of(ours) + sameSize
        + "; this log's last checkpoint below that size is of size " + before
        + " (a consistency proof from it, asked of whoever keeps the other history, bounds where they diverge)"
        + (trustedSigners.isEmpty() ? "" : "; the trusted note is also signed by " + String.join(", ", trustedSigners));
  }

  /** The names on a note's signature lines other than the log's own keys (witnesses' cosignatures). */
  private List<String> otherSigners(String note) {
    java.util.Set<String> logNames = new java.util.HashSet<>();
    keys.forEach(k -> logNames.add(k.name()));
    return Notes.signers(note).lines().map(l -> l.split(" ", 3)).filter(p -> p.length == 3)
        .map(p -> p[1]).filter(n -> !logNames.contains(n)).distinct().toList();
  }

  private AuditReport verify(Handle h, @Nullable Checkpoint trusted, List<String> trustedSigners) {
    List<CheckpointStore.Stored> stored = CheckpointStore.all(h);
    TreeStore.Head head = TreeStore.head(h);
    Findings f = new Findings();
    TreeSet<Long> sizes = new TreeSet<>();
    stored.forEach(s -> sizes.add(s.size()));
    if (trusted != null) {
      sizes.add(trusted.size());
    }
    Scan scan = scan(h, sizes, f);

    long verifiedSize = -1;
    long lastMatching = 0;
    for (CheckpointStore.Stored s : stored) {
      Checkpoint cp = opened(s, f, s == stored.get(stored.size() - 1));
      if (cp == null) {
        continue;
      }
      if (cp.size() != s.size()) {
        f.fail(null, "the checkpoint stored under size " + s.size() + " is signed for size " + cp.size());
      } else if (s.size() > scan.size) {
        f.fail(scan.size, "checkpoint " + s.size() + " covers entries from " + scan.size + " that are missing");
      } else if (!MessageDigest.isEqual(scan.roots.get(s.size()), cp.root())) {
        f.fail(null, "checkpoint " + s.size() + " does not match the entries: an entry between "
            + lastMatching + " and " + s.size() + " was changed");
      } else {
        lastMatching = s.size();
        verifiedSize = s.size();
      }
    }
    if (trusted != null) {
      if (trusted.size() > scan.size) {
        f.fail(scan.size, "the log has " + scan.size + " entries, fewer than the trusted checkpoint's "
            + trusted.size() + ": it was rolled back or truncated");
      } else if (!MessageDigest.isEqual(scan.roots.get(trusted.size()), trusted.root())) {
        f.fail(null, "the log does not extend the trusted checkpoint of size " + trusted.size()
            + ": an entry below it was changed, deleted or inserted");
        f.fail(null, divergence(trusted, scan.roots.get(trusted.size()), stored, trustedSigners));
      } else {
        f.note("the log extends the trusted checkpoint of size " + trusted.size());
      }
    }
    if (head.size() != scan.size || !MessageDigest.isEqual(head.rootOrEmpty(), scan.root)) {
      f.fail(head.size() == scan.size ? null : Math.min(head.size(), scan.size), "the log's head (" + head.size()
          + " entries) does not match its entries (" + scan.size + ")");
    }
    if (stored.isEmpty()) {
      f.note("no checkpoint has been published yet");
    } else if (verifiedSize >= 0 && verifiedSize < scan.size) {
      f.note((scan.size - verifiedSize) + " entries after the latest checkpoint are not yet covered by one");
    }
    return f.report(scan.size, Hex.of(scan.root), verifiedSize);
  }

  /** The opened checkpoint, or null (with a finding) if no given key signed it or a signature fails. */
  private @Nullable Checkpoint opened(CheckpointStore.Stored s, Findings f, boolean latest) {
    try {
      return Checkpoint.parse(Notes.open(s.note(), keys));
    } catch (Notes.NoteException e) {
      if (!latest && e.getMessage().contains("not signed by any known key")) {
        f.note("checkpoint " + s.size() + " is signed by a key not given (" + Notes.signers(s.note()) + ")");
        return null;
      }
      f.fail(null, "checkpoint " + s.size() + ": " + e.getMessage());
    } catch (IllegalArgumentException e) {
      f.fail(null, "checkpoint " + s.size() + " is malformed: " + e.getMessage());
    }
    return null;
  }

  private record Scan(long size, byte[] root, Map<Long, byte[]> roots) {}

  /** Streams the entries in index order, recomputing leaves and the roots at {@code sizes}. */
  private static Scan scan(Handle h, TreeSet<Long> sizes, Findings f) {
    Frontier tree = Frontier.empty();
    Map<Long, byte[]> roots = new HashMap<>();
    roots.put(0L, tree.root());
    h.createQuery("SELECT " + TreeStore.ENTRY_COLUMNS + ", tree_hashes FROM audit_entries ORDER BY idx")
        .setFetchSize(1000)
        .scanResultSet((results, ctx) -> {
          ResultSet rs = results.get();
          while (rs.next()) {
            if (!check(rs, tree, sizes, roots, f)) {
              break;
            }
          }
          return null;
        });
    return new Scan(tree.size(), tree.root(), roots);
  }

  /** Checks one stored entry against the tree recomputed so far; false if the scan cannot go on past it. */
  private static boolean check(ResultSet rs, Frontier tree, TreeSet<Long> sizes, Map<Long, byte[]> roots,
      Findings f) throws SQLException {
    long index = rs.getLong("idx");
    if (index != tree.size()) {
      f.fail(tree.size(), "entry " + tree.size() + " is missing (the next stored entry is " + index + ")");
      return false;
    }
    AuditEntry entry;
    try {
      entry = TreeStore.readEntry(rs);
    } catch (TreeStore.MalformedEntryException e) {
      f.fail(index, "entry " + index + " is malformed");
      return false;
    }
    // The stored tree is only evidence: it must agree with what the entries give, node for node.
    ByteArrayOutputStream recomputed = new ByteArrayOutputStream(Hashes.SIZE * 2);
    tree.append(entry.leafHash(), (level, i, hash) -> recomputed.writeBytes(hash));
    byte[] stored = rs.getBytes("tree_hashes");
    if (stored == null || !MessageDigest.isEqual(recomputed.toByteArray(), stored)) {
      f.fail(index, "entry " + index + " does not match its hashes in the stored tree");
    }
    if (sizes.contains(tree.size())) {
      roots.put(tree.size(), tree.root());
    }
    return true;
  }

  /** The database's own words for a failure (the statement's values are never part of it). */
  private static String databaseMessage(JdbiException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        return sql.getMessage();
      }
    }
    return e.getMessage();
  }

  /** Collects findings; the first bad index is the lowest one named. */
  private static final class Findings {
    private final List<String> messages = new ArrayList<>();
    private boolean failed;
    private Long firstBad;

    void fail(@Nullable Long index, String message) {
      failed = true;
      messages.add(message);
      if (index != null && (firstBad == null || index < firstBad)) {
        firstBad = index;
      }
    }

    void note(String message) {
      messages.add(message);
    }

    AuditReport report(long size, String root, long checkpointSize) {
      if (!failed) {
        messages.add(0, "verified " + size + " entries");
      } else if (firstBad != null) {
        messages.add(0, "the first bad entry is " + firstBad);
      }
      return new AuditReport(failed ? AuditReport.Status.FAILED : AuditReport.Status.VERIFIED, size, root,
          checkpointSize, firstBad, messages);
    }
  }
}
