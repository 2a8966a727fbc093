package org.parcelveil.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.parcelveil.store.Database;

/**
 * What an insider with full database access and the signing key does to cover their tracks after editing entries:
 * rebuild the tree and the head from the edited entries, drop the checkpoints that no longer match, and sign anew.
 */
final class Insider {
  private Insider() {}

  static void editEntries(Database db, EntryEdit edit) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      edit.apply(c);
      c.commit();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Rebuilds audit_nodes and audit_head from audit_entries, and deletes every checkpoint above {@code keepUpTo}. */
  static void coverTracks(Database db, long keepUpTo) {
    editEntries(db, c -> {
      List<AuditEntry> entries = TreeStore.entries(c, 0, Long.MAX_VALUE);
      exec(c, "DELETE FROM audit_nodes");
      Frontier f = Frontier.empty();
      List<Long> ids = new ArrayList<>();
      List<byte[]> hashes = new ArrayList<>();
      for (AuditEntry e : entries) {
        f.append(e.leafHash(), (l, i, h) -> {
          ids.add(NodeIds.id(l, i));
          hashes.add(h);
        });
      }
      TreeStore.insertNodes(c, ids.stream().mapToLong(Long::longValue).toArray(), hashes.toArray(new byte[0][]),
          ids.size());
      TreeStore.updateHead(c, f.size(), f.root(), 0);
      exec(c, "DELETE FROM audit_checkpoints WHERE tree_size > " + keepUpTo);
    });
  }

  interface EntryEdit {
    void apply(Connection c) throws SQLException;
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  /** Moves entry {@code from} to index {@code to} (its row only; its canonical bytes then name the new index). */
  static void move(Connection c, long from, long to) throws SQLException {
    AuditEntry e = TreeStore.entries(c, from, from + 1).get(0);
    exec(c, "DELETE FROM audit_entries WHERE idx = " + from);
    TreeStore.insertEntries(c, List.of(new AuditEntry(to, e.time(), e.nonce(), e.record())));
  }
}
