package org.parcelveil.cli;

import java.nio.file.Path;
import org.parcelveil.app.Settings;
import org.parcelveil.store.DatabaseSettings;
import picocli.CommandLine.Option;

/** The options every command takes to find the store: the data directory and, optionally, a database URL. */
final class StoreOptions {
  @Option(names = "--data", defaultValue = "./data", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--db-url", description = "JDBC URL of the shipment database (default: embedded H2 in the data directory).")
  String dbUrl;

  @Option(names = "--db-user", description = "Database user.")
  String dbUser;

  @Option(names = "--db-password", description = "Database password (or PARCELVEIL_DB_PASSWORD).",
      defaultValue = "${env:PARCELVEIL_DB_PASSWORD}")
  String dbPassword;

  @Option(names = "--retention-days", defaultValue = "90",
      description = "Days personal data is kept (default: ${DEFAULT-VALUE}); applies to new shipments.")
  int retentionDays;

  Settings settings() {
    Settings s = Settings.defaults(data).withRetentionDays(retentionDays);
    return dbUrl == null ? s : s.withDatabase(new DatabaseSettings(dbUrl, dbUser, dbPassword));
  }
}
