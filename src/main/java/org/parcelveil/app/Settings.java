package org.parcelveil.app;

import java.nio.file.Path;
import java.util.Optional;
import org.parcelveil.access.DisclosureLimits;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.relay.RelaySettings;
import org.parcelveil.store.DatabaseSettings;

/**
 * Everything the service is configured with. Defaults: embedded H2 under {@code ./data}, port 8080, retention 90
 * days, prefix {@code PV}.
 */
public record Settings(Path dataDir, Optional<DatabaseSettings> database, Optional<DatabaseSettings> keyStore,
    HttpSettings http, int retentionDays, String waybillPrefix, int counterBlockSize, DisclosureLimits disclosure, RelaySettings relay) {

  public static final int DEFAULT_PORT = 8080;
  public static final int DEFAULT_RETENTION_DAYS = 90;

  public static Settings defaults(Path dataDir) {
    return new Settings(dataDir, Optional.empty(), Optional.empty(),
        new HttpSettings("0.0.0.0", DEFAULT_PORT, HttpSettings.DEFAULT_MAX_BODY), DEFAULT_RETENTION_DAYS, "PV", 1000,
        DisclosureLimits.DEFAULTS, RelaySettings.DEFAULTS);
  }

  public Settings withHttp(HttpSettings h) {
    return new Settings(dataDir, database, keyStore, h, retentionDays, waybillPrefix, counterBlockSize, disclosure, relay);
  }

  public Settings withDatabase(DatabaseSettings db) {
    return new Settings(dataDir, Optional.of(db), keyStore, http, retentionDays, waybillPrefix, counterBlockSize, disclosure, relay);
  }

  public Settings withRetentionDays(int days) {
    return new Settings(dataDir, database, keyStore, http, days, waybillPrefix, counterBlockSize, disclosure, relay);
  }

  public Settings withDisclosure(DisclosureLimits limits) {
    return new Settings(dataDir, database, keyStore, http, retentionDays, waybillPrefix, counterBlockSize, limits, relay);
  }

  /** The shipment database: the configured one, or H2 in the data directory. */
  public DatabaseSettings mainDatabase() {
    return database.orElseGet(() -> DatabaseSettings.embedded(dataDir, "parcelveil"));
  }

  /**
   * The key store: configured explicitly, else its own H2 file beside the data (embedded), else its own schema
   * on the shipment database's server (PostgreSQL), so a dump of the shipment schema never holds the keys.
   */
  public DatabaseSettings keyStoreDatabase() {
    return keyStore.orElseGet(() -> database.filter(DatabaseSettings::isPostgres)
        .orElseGet(() -> DatabaseSettings.embedded(dataDir, "keystore")));
  }
}
