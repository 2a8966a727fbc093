package org.parcelveil.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.parcelveil.app.Backups;
import org.parcelveil.app.ParcelVeil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parcelveil backup --to DIR}: an online backup of the store into a new data directory, without the master key. */
@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Copy the shipment data and the key store, in one consistent snapshot and while the service runs, "
        + "into a new data directory. Restore by serving that directory with the master key (never part of a backup).")
final class BackupCommand implements Callable<Integer> {
  @Mixin
  StoreOptions store;

  @Option(names = "--to", required = true, description = "A new (or empty) directory for the backup.")
  Path to;

  @Override
  public Integer call() {
    try (ParcelVeil pv = ParcelVeil.open(store.settings(), store.environment())) {
      long rows = Backups.backup(pv, to);
      System.out.println("backed up " + rows + " rows into " + to.toAbsolutePath());
      return 0;
    }
  }
}
