package org.parcelveil.audit;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
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

  /** Rebuilds every row's tree hashes and the head from the entries, and deletes the checkpoints above {@code keepUpTo}. */
  static void coverTracks(Database db, long keepUpTo) {
    editEntries(db, c -> {
      List<AuditEntry> entries = TreeStore.entries(on(c), 0, Long.MAX_VALUE);
      Frontier f = Frontier.empty();
      try (PreparedStatement ps = c.prepareStatement("UPDATE audit_entries SET tree_hashes = ? WHERE idx = ?")) {
        for (AuditEntry e : entries) {
          ByteArrayOutputStream hashes = new ByteArrayOutputStream();
          f.append(e.leafHash(), (l, i, h) -> hashes.writeBytes(h));
          ps.setBytes(1, hashes.toByteArray());
          ps.setLong(2, e.index());
          ps.executeUpdate();
        }
      }
      TreeStore.updateHead(on(c), f.size(), f.root(), 0);
      exec(c, "DELETE FROM audit_checkpoints WHERE tree_size > " + keepUpTo);
    });
  }

  /** The log's SQL on the edit's own connection and transaction; the connection's owner closes it. */
  static Handle on(Connection c) {
    return Jdbi.open(c);
  }

  interface EntryEdit {
    void apply(Connection c) throws SQLException;
  }

  static void exec(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  /** Moves entry {@code from} to index {@code to}, its stored tree hashes with it. */
  static void move(Connection c, long from, long to) throws SQLException {
    AuditEntry e = TreeStore.entries(on(c), from, from + 1).get(0);
    byte[] hashes = TreeStore.nodes(on(c), List.of(NodeIds.id(0, from))).get(NodeIds.id(0, from));
    exec(c, "DELETE FROM audit_entries WHERE idx = " + from);
    insert(c, new AuditEntry(to, e.time(), e.nonce(), e.record()), hashes);
  }

  static void insert(Connection c, AuditEntry e, byte[] treeHashes) throws SQLException {
    TreeStore.insertEntries(on(c), List.of(new TreeStore.Row(e, treeHashes)));
  }
}
