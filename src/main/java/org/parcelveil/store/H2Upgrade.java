package org.parcelveil.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a data directory written by a release whose embedded store was H2 ({@code parcelveil.mv.db} and
 * {@code keystore.mv.db}): at the first start of this release, every row of both is copied into the embedded
 * PostgreSQL store, in one transaction per store. The H2 files are left where they are until the operator deletes
 * them; a marker file records that the copy is complete, so it runs once.
 */
public final class H2Upgrade {
  private static final Logger LOG = LoggerFactory.getLogger(H2Upgrade.class);
  static final String MAIN_FILE = "parcelveil.mv.db";
  static final String KEYS_FILE = "keystore.mv.db";
  static final String DONE = "upgraded-from-h2";

  private H2Upgrade() {}

  /** True if {@code dataDir} holds an H2 store not yet copied. */
  public static boolean pending(Path dataDir) {
    return Files.exists(dataDir.resolve(MAIN_FILE)) && !Files.exists(dataDir.resolve(DONE));
  }

  /** Copies the H2 stores of {@code dataDir} into {@code main} (shipment schema) and {@code keys} (key schema). */
  public static void run(Path dataDir, Database main, Database keys, String keySchema) {
    // The older release left its files readable by every local user (password and token hashes among them).
    for (String file : new String[] {MAIN_FILE, KEYS_FILE, "parcelveil.lock.db", "keystore.lock.db"}) {
      if (Files.exists(dataDir.resolve(file))) {
        PrivateFiles.file(dataDir.resolve(file));
      }
    }
    try {
      long rows = copy(dataDir.resolve(MAIN_FILE), main, "public");
      if (Files.exists(dataDir.resolve(KEYS_FILE))) {
        rows += copy(dataDir.resolve(KEYS_FILE), keys, keySchema);
      }
      PrivateFiles.write(dataDir.resolve(DONE), ("copied " + rows + " rows from " + MAIN_FILE + " and " + KEYS_FILE
          + " into the embedded PostgreSQL store; delete the .mv.db files once the service runs well\n")
          .getBytes(StandardCharsets.UTF_8));
      LOG.warn("upgraded the H2 store in {} ({} rows) to the embedded PostgreSQL store; the H2 files are kept until "
          + "you delete them", dataDir, rows);
    } catch (SQLException e) {
      throw new StoreException("could not upgrade the H2 store in " + dataDir + " (SQL state " + e.getSQLState()
          + "); nothing was changed in its files", e);
    }
  }

  private static long copy(Path file, Database target, String targetSchema) throws SQLException {
    String name = file.toAbsolutePath().toString();
    String url = "jdbc:h2:file:" + name.substring(0, name.length() - ".mv.db".length()) + ";ACCESS_MODE_DATA=r";
    try (Connection source = DriverManager.getConnection(url, "sa", "");
        Connection c = target.connection()) {
      c.setAutoCommit(false);
      try {
        long rows = StoreCopy.copy(source, "PUBLIC", c, targetSchema);
        c.commit();
        return rows;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }
}
