package org.parcelveil.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.StoreCopy;
import org.parcelveil.store.StoreException;

/**
 * Online backups: the shipment data and the key store, read in one consistent snapshot while the service runs, copied
 * into a new embedded store in a directory of their own. The backup is itself a data directory: serve it with
 * {@code --data DIR} and the master key to restore. The master key is never part of it, so a stolen backup is
 * ciphertext.
 */
public final class Backups {
  private Backups() {}

  /** Copies {@code pv}'s stores into a new embedded store in {@code target} (which must not exist or be empty). */
  public static long backup(ParcelVeil pv, Path target) {
    try {
      if (Files.isDirectory(target)) {
        try (var entries = Files.list(target)) {
          if (entries.findAny().isPresent()) {
            throw new IllegalArgumentException("the backup directory " + target + " is not empty");
          }
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    DatabaseSettings to = DatabaseSettings.embedded(target);
    try (Database main = Database.open(to, "main", 2);
        Database keys = Database.open(to, "keys", ParcelVeil.KEY_SCHEMA, 2)) {
      return copy(pv.database(), pv.keys().database(), main, keys);
    }
  }

  /** Copies both schemas, each source read in a repeatable-read snapshot (one snapshot when they share a database). */
  static long copy(Database sourceMain, Database sourceKeys, Database targetMain, Database targetKeys) {
    try (Connection from = snapshot(sourceMain); Connection fromKeys = sourceKeys == sourceMain ? null : snapshot(sourceKeys);
        Connection to = targetMain.connection(); Connection toKeys = targetKeys.connection()) {
      to.setAutoCommit(false);
      toKeys.setAutoCommit(false);
      long rows = StoreCopy.copy(from, "public", to, "public");
      rows += StoreCopy.copy(fromKeys != null ? fromKeys : from, ParcelVeil.KEY_SCHEMA, toKeys, ParcelVeil.KEY_SCHEMA);
      to.commit();
      toKeys.commit();
      from.commit();
      return rows;
    } catch (SQLException e) {
      throw new StoreException("could not copy the store (SQL state " + e.getSQLState() + ")", e);
    }
  }

  private static Connection snapshot(Database db) throws SQLException {
    Connection c = db.connection();
    c.setAutoCommit(false);
    c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    c.setReadOnly(true);
    return c;
  }
}
