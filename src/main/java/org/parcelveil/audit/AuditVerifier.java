package org.parcelveil.audit;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Verifies the log from its database, read-only and in one consistent snapshot, with the service running or not: it
 * recomputes the Merkle tree from the entries themselves (never from the stored tree), checks every stored
 * checkpoint's signature and root against it, checks that it extends a trusted checkpoint kept by a regulator or
 * witness, and names the first bad entry when the evidence allows.
 */
public final class AuditVerifier {
  private final DataSource dataSource;
  private final List<NoteKey> keys;

  /**
   * @param mainDb the main database (the log's tables)
   * @param verifierKeys the log's public keys in C2SP vkey form ({@code name+keyid+base64}), every version that may
   *     have signed; get them out of band, e.g. from {@code GET /v1/audit/key?all=true}
   * @throws IllegalArgumentException if a key is malformed
   */
  public AuditVerifier(DataSource mainDb, Collection<String> verifierKeys) {
    this.dataSource = mainDb;
    this.keys = verifierKeys.stream().map(NoteKey::parse).toList();
  }

  /**
   * The public keys the log recorded for itself. Convenient for the operator, but an insider who can rewrite the
   * database can rewrite these too: a regulator uses keys obtained separately.
   */
  public static List<String> storedKeys(DataSource mainDb) throws SQLException {
    try (Connection c = mainDb.getConnection()) {
      return CheckpointStore.keys(c);
    }
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
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      try {
        return verify(c, trusted);
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      return AuditReport.error("the database could not be read: " + e.getMessage());
    }
  }

  private AuditReport verify(Connection c, @Nullable Checkpoint trusted) throws SQLException {
    List<CheckpointStore.Stored> stored = CheckpointStore.all(c);
    TreeStore.Head head = TreeStore.head(c);
    Findings f = new Findings();
    TreeSet<Long> sizes = new TreeSet<>();
    stored.forEach(s -> sizes.add(s.size()));
    if (trusted != null) {
      sizes.add(trusted.size());
    }
    Scan scan = scan(c, sizes, f);

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
  private static Scan scan(Connection c, TreeSet<Long> sizes, Findings f) throws SQLException {
    Frontier tree = Frontier.empty();
    Map<Long, byte[]> roots = new HashMap<>();
    roots.put(0L, tree.root());
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT " + TreeStore.ENTRY_COLUMNS + ", tree_hashes FROM audit_entries ORDER BY idx")) {
      ps.setFetchSize(1000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long index = rs.getLong(1);
          if (index != tree.size()) {
            f.fail(tree.size(), "entry " + tree.size() + " is missing (the next stored entry is " + index + ")");
            break;
          }
          AuditEntry entry;
          try {
            entry = TreeStore.readEntry(rs);
          } catch (TreeStore.MalformedEntryException e) {
            f.fail(index, "entry " + index + " is malformed");
            break;
          }
          // The stored tree is only evidence: it must agree with what the entries give, node for node.
          ByteArrayOutputStream recomputed = new ByteArrayOutputStream(Hashes.SIZE * 2);
          tree.append(entry.leafHash(), (level, i, h) -> recomputed.writeBytes(h));
          byte[] stored = rs.getBytes(13);
          if (stored == null || !MessageDigest.isEqual(recomputed.toByteArray(), stored)) {
            f.fail(index, "entry " + index + " does not match its hashes in the stored tree");
          }
          if (sizes.contains(tree.size())) {
            roots.put(tree.size(), tree.root());
          }
        }
      }
    }
    return new Scan(tree.size(), tree.root(), roots);
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
