package org.parcelveil.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.parcelveil.access.DisclosureLimits;
import org.parcelveil.audit.AuditModule;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.keys.KeySettings;
import org.parcelveil.label.LabelSettings;
import org.parcelveil.leaks.service.LeakSettings;
import org.parcelveil.relay.RelaySettings;
import org.parcelveil.retention.RetentionPolicy;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.tracking.TrackingSettings;
import org.parcelveil.verify.VerificationSettings;

/**
 * Everything the service is configured with. Defaults: the embedded store under {@code ./data}, port 8080 on loopback, retention 30
 * days after delivery and at most 90, prefix {@code PV}. Each feature's own settings record validates its values.
 */
public record Settings(Path dataDir, Optional<DatabaseSettings> database, Optional<DatabaseSettings> keyStore,
    HttpSettings http, RetentionPolicy retention, String waybillPrefix, int counterBlockSize,
    DisclosureLimits disclosure, RelaySettings relay, LabelSettings labels, String carrierName, String publicUrl,
    String auditOrigin, LeakSettings leaks, TrackingSettings tracking, VerificationSettings verification,
    KeySettings keys) {

  public static final int DEFAULT_PORT = 8080;
  /** Loopback: a service is reachable from the network only when its operator says so ({@code --host}). */
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String DEFAULT_CARRIER = "ParcelVeil 快递";

  public static Settings defaults(Path dataDir) {
    return new Settings(dataDir, Optional.empty(), Optional.empty(),
        new HttpSettings(DEFAULT_HOST, DEFAULT_PORT, HttpSettings.DEFAULT_MAX_BODY), RetentionPolicy.DEFAULTS, "PV", 1000,
        DisclosureLimits.DEFAULTS, RelaySettings.DEFAULTS, LabelSettings.defaults(), DEFAULT_CARRIER,
        "http://localhost:" + DEFAULT_PORT, AuditModule.defaultOrigin(), LeakSettings.DEFAULTS,
        TrackingSettings.DEFAULTS, VerificationSettings.DEFAULTS, KeySettings.DEFAULTS);
  }

  /** The public address printed on labels and in their QR codes, where recipients check a parcel. */
  public Settings withPublicUrl(String url) {
    return with(b -> b.publicUrl = url);
  }

  /** The origin line of the audit log's checkpoints: the log's name for witnesses. Fixed by the first checkpoint. */
  public Settings withAuditOrigin(String origin) {
    return with(b -> b.auditOrigin = origin);
  }

  public Settings withLabels(LabelSettings l) {
    return with(b -> b.labels = l);
  }

  public Settings withHttp(HttpSettings h) {
    return with(b -> b.http = h);
  }

  public Settings withDatabase(DatabaseSettings db) {
    return with(b -> b.database = Optional.of(db));
  }

  public Settings withRetention(RetentionPolicy r) {
    return with(b -> b.retention = r);
  }

  public Settings withDisclosure(DisclosureLimits limits) {
    return with(b -> b.disclosure = limits);
  }

  public Settings withLeaks(LeakSettings l) {
    return with(b -> b.leaks = l);
  }

  /** Counters leased per block: smaller blocks waste fewer numbers on a crash, larger ones lease less often. */
  public Settings withCounterBlockSize(int size) {
    return with(b -> b.counterBlockSize = size);
  }

  public Settings withKeys(KeySettings k) {
    return with(b -> b.keys = k);
  }

  public Settings withTracking(TrackingSettings t) {
    return with(b -> b.tracking = t);
  }

  public Settings withVerification(VerificationSettings v) {
    return with(b -> b.verification = v);
  }

  /** The shipment database: the configured one, or the embedded store in the data directory. */
  public DatabaseSettings mainDatabase() {
    return database.orElseGet(() -> DatabaseSettings.embedded(dataDir));
  }

  /**
   * The key store: configured explicitly, else its own schema ({@code pv_keys}) beside the shipment database, so a
   * dump of the shipment schema never holds the keys.
   */
  public DatabaseSettings keyStoreDatabase() {
    return keyStore.orElseGet(this::mainDatabase);
  }

  /** A copy with one or more values changed: one place that lists every field, so withers stay one line. */
  private Settings with(Consumer<Copy> change) {
    Copy b = new Copy(this);
    change.accept(b);
    return b.build();
  }

  /** The mutable copy behind {@link #with}. */
  private static final class Copy {
    Path dataDir;
    Optional<DatabaseSettings> database;
    Optional<DatabaseSettings> keyStore;
    HttpSettings http;
    RetentionPolicy retention;
    String waybillPrefix;
    int counterBlockSize;
    DisclosureLimits disclosure;
    RelaySettings relay;
    LabelSettings labels;
    String carrierName;
    String publicUrl;
    String auditOrigin;
    LeakSettings leaks;
    TrackingSettings tracking;
    VerificationSettings verification;
    KeySettings keys;

    Copy(Settings s) {
      dataDir = s.dataDir;
      database = s.database;
      keyStore = s.keyStore;
      http = s.http;
      retention = s.retention;
      waybillPrefix = s.waybillPrefix;
      counterBlockSize = s.counterBlockSize;
      disclosure = s.disclosure;
      relay = s.relay;
      labels = s.labels;
      carrierName = s.carrierName;
      publicUrl = s.publicUrl;
      auditOrigin = s.auditOrigin;
      leaks = s.leaks;
      tracking = s.tracking;
      verification = s.verification;
      keys = s.keys;
    }

    Settings build() {
      return new Settings(dataDir, database, keyStore, http, retention, waybillPrefix, counterBlockSize, disclosure,
          relay, labels, carrierName, publicUrl, auditOrigin, leaks, tracking, verification, keys);
    }
  }
}
