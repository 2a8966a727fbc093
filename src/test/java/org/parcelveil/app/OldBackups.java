package org.parcelveil.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.StoreCopy;

/** An older backup for the tests that restore one: taken with {@link Backups}, its shipment data put back later. */
public final class OldBackups {
  private OldBackups() {}

  /** An online backup of {@code svc}'s stores, in a new directory. */
  public static Path take(TestService svc) throws Exception {
    Path dir = Files.createTempDirectory("pv-old-backup-").resolve("data");
    Backups.backup(svc.pv, dir);
    return dir;
  }

  /** Puts the backup's shipment data (not its keys) back over the stopped service's store, as an operator might. */
  public static void restoreShipmentData(Path backup, TestService stopped) throws Exception {
    try (Database old = Database.open(DatabaseSettings.embedded(backup), "main", 2);
        Database live = Database.open(stopped.pv.settings().mainDatabase(), "main", 2);
        Connection from = old.connection(); Connection to = live.connection()) {
      StoreCopy.copy(from, "public", to, "public");
    }
  }
}
