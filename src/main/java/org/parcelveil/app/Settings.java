package org.parcelveil.app;

import java.nio.file.Path;
import java.util.Optional;
import org.parcelveil.access.DisclosureLimits;
import org.parcelveil.audit.AuditModule;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.keys.KeySettings;
import org.parcelveil.label.LabelSettings;
import org.parcelveil.leaks.service.LeakSettings;
import org.parcelveil.relay.RelaySettings;
import org.parcelveil.retention.RetentionPolicy;
import org.parcelveil.store.DatabaseSettings;

/**
 * Everything the service is configured with. Defaults: embedded H2 under {@code ./data}, port 8080, retention 30
 * days after delivery and at most 90, prefix {@code PV}.
 */
public record Settings(Path dataDir, Optional<DatabaseSettings> database, Optional<DatabaseSettings> keyStore,
    HttpSettings http, RetentionPolicy retention, String waybillPrefix, int counterBlockSize, DisclosureLimits disclosure, RelaySettings relay, LabelSettings labels, String carrierName, String publicUrl, String auditOrigin,
    LeakSettings leaks, KeySettings keys) {

  public static final int DEFAULT_PORT = 8080;
  public static final String DEFAULT_CARRIER = "ParcelVeil 快递";

  /** The public address printed on labels and in their QR codes, where recipients check a parcel. */
  public Settings withPublicUrl(String url) {
    return new Settings(dataDir, database, keyStore, http, retention, waybillPrefix, counterBlockSize, disclosure,
        relay, labels, carrierName, url, auditOrigin, leaks, keys);
  }

  /** The origin line of the audit log's checkpoints: the log's name for witnesses. Fixed by the first checkpoint. */
  public Settings withAuditOrigin(String origin) {
    return new Settings(dataDir, database, keyStore, http, retention, waybillPrefix, counterBlockSize, disclosure,
        relay, labels, carrierName, publicUrl, origin, leaks, keys);
  }

  public Settings withLabels(LabelSettings l) {
    return new Settings(dataDir, database, keyStore, http, retention, waybillPrefix, counterBlockSize, disclosure,
        relay, l, carrierName, publicUrl, auditOrigin, leaks, keys);
  }

  public static Settings defaults(Path dataDir) {
    return new Settings(dataDir, Optional.empty(), Optional.empty(),
        new HttpSettings("0.0.0.0", DEFAULT_PORT, HttpSettings.DEFAULT_MAX_BODY), RetentionPolicy.DEFAULTS, "PV", 1000,
        DisclosureLimits.DEFAULTS, RelaySettings.DEFAULTS,
        LabelSettings.defaults(), DEFAULT_CARRIER, "http://localhost:" + DEFAULT_PORT,
        AuditModule.defaultOrigin(), LeakSettings.DEFAULTS, KeySettings.DEFAULTS);
  }

  public Settings withHttp(HttpSettings h) {
    return new Settings(dataDir, database, keyStore, h, retention, waybillPrefix, counterBlockSize, disclosure, relay, labels,
        carrierName, publicUrl, auditOrigin, leaks, keys);
  }

  public Settings withDatabase(DatabaseSettings db) {
    return new Settings(dataDir, Optional.of(db), keyStore, http, retention, waybillPrefix, counterBlockSize, disclosure, relay, labels, carrierName, publicUrl, auditOrigin, leaks, keys);
  }

  public Settings withRetention(RetentionPolicy r) {
    return new Settings(dataDir, database, keyStore, http, r, waybillPrefix, counterBlockSize, disclosure, relay, labels, carrierName, publicUrl, auditOrigin, leaks, keys);
  }

  public Settings withDisclosure(DisclosureLimits limits) {
    return new Settings(dataDir, database, keyStore, http, retention, waybillPrefix, counterBlockSize, limits, relay, labels, carrierName, publicUrl, auditOrigin, leaks, keys);
  }

  /** Counters leased per block: smaller blocks waste fewer numbers on a crash, larger ones lease less often. */
  public Settings withCounterBlockSize(int size) {
    return new Settings(dataDir, database, keyStore, http, retention, waybillPrefix, size, disclosure, relay, labels,
        carrierName, publicUrl, auditOrigin, leaks, keys);
  }

  public Settings withKeys(KeySettings k) {
    return new Settings(dataDir, database, keyStore, http, retention, waybillPrefix, counterBlockSize, disclosure,
        relay, labels, carrierName, publicUrl, auditOrigin, leaks, k);
  }

  public Settings withLeaks(LeakSettings l) {
    return new Settings(dataDir, database, keyStore, http, retention, waybillPrefix, counterBlockSize, disclosure, relay,
        labels, carrierName, publicUrl, auditOrigin, l, keys);
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
