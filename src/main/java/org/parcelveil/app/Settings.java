package org.parcelveil.app;

import java.nio.file.Path;
import java.util.Optional;
import org.parcelveil.access.DisclosureLimits;
import org.parcelveil.audit.AuditModule;
import org.parcelveil.audit.WitnessSettings;
import org.parcelveil.eventhooks.EventHookSettings;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.keys.KeySettings;
import org.parcelveil.label.LabelSettings;
import org.parcelveil.leaks.service.LeakSettings;
import org.parcelveil.relay.RelaySettings;
import org.parcelveil.retention.RetentionPolicy;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.pickup.PickupSettings;
import org.parcelveil.tracking.TrackingSettings;
import org.parcelveil.verify.VerificationSettings;

/**
 * Everything the service is configured with. {@link #defaults()} holds the one default of each value (each feature's
 * own settings record holds and validates its part); {@link SettingsCatalog} declares which of them an operator sets,
 * and how.
 */
public record Settings(Path dataDir, Optional<DatabaseSettings> database, Optional<DatabaseSettings> keyStore,
    HttpSettings http, RetentionPolicy retention, String waybillPrefix, int counterBlockSize,
    DisclosureLimits disclosure, RelaySettings relay, LabelSettings labels, String carrierName, String publicUrl,
    String auditOrigin, LeakSettings leaks, TrackingSettings tracking, VerificationSettings verification,
    KeySettings keys, WitnessSettings witnesses, EventHookSettings webhooks, PickupSettings pickup) {

  public static final int DEFAULT_PORT = 8080;
  /** Loopback: a service is reachable from the network only when its operator says so ({@code --host}). */
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final String DEFAULT_CARRIER = "ParcelVeil 快递";

  /** The public URL when none is set: the address the service listens on ({@link #publicUrl(int)}). */
  public static final String LISTENING = "";

  /** Where the data lives unless told otherwise: {@code ./data}. */
  public static final Path DEFAULT_DATA_DIR = Path.of("./data");

  /** The defaults of every setting ({@link SettingsCatalog}), with the data in {@link #DEFAULT_DATA_DIR}. */
  public static Settings defaults() {
    return defaults(DEFAULT_DATA_DIR);
  }

  public static Settings defaults(Path dataDir) {
    return new Settings(dataDir, Optional.empty(), Optional.empty(),
        new HttpSettings(DEFAULT_HOST, DEFAULT_PORT, HttpSettings.DEFAULT_MAX_BODY), RetentionPolicy.DEFAULTS, "PV", 1000,
        DisclosureLimits.DEFAULTS, RelaySettings.DEFAULTS, LabelSettings.defaults(), DEFAULT_CARRIER,
        LISTENING, AuditModule.defaultOrigin(), LeakSettings.DEFAULTS,
        TrackingSettings.DEFAULTS, VerificationSettings.DEFAULTS, KeySettings.DEFAULTS, WitnessSettings.NONE,
        EventHookSettings.DEFAULTS, PickupSettings.DEFAULTS);
  }

  /**
   * The public address labels, QR codes and set-up links point to: {@code public-url} when set, else the address
   * the service listens on ({@code port}, the one it got when it asked for 0): {@code localhost} for loopback and for
   * every interface (which name reaches this machine from elsewhere only the operator knows), else the host.
   */
  public String publicUrl(int port) {
    if (!publicUrl.isBlank()) {
      return publicUrl;
    }
    String host = http.host();
    boolean local = host.equals("0.0.0.0") || host.equals("::") || host.contains(":") || host.startsWith("127.")
        || host.equals("localhost");
    return "http://" + (local ? "localhost" : host) + ":" + port;
  }

  public Settings withDataDir(Path dir) {
    return with("dataDir", dir);
  }

  /** The public address printed on labels and in their QR codes, where recipients check a parcel. */
  public Settings withPublicUrl(String url) {
    return with("publicUrl", url);
  }

  /** The origin line of the audit log's checkpoints: the log's name for witnesses. Fixed by the first checkpoint. */
  public Settings withAuditOrigin(String origin) {
    return with("auditOrigin", origin);
  }

  public Settings withLabels(LabelSettings l) {
    return with("labels", l);
  }

  public Settings withHttp(HttpSettings h) {
    return with("http", h);
  }

  public Settings withDatabase(DatabaseSettings db) {
    return with("database", Optional.of(db));
  }

  public Settings withRetention(RetentionPolicy r) {
    return with("retention", r);
  }

  public Settings withDisclosure(DisclosureLimits limits) {
    return with("disclosure", limits);
  }

  public Settings withLeaks(LeakSettings l) {
    return with("leaks", l);
  }

  /** Counters leased per block: smaller blocks waste fewer numbers on a crash, larger ones lease less often. */
  public Settings withCounterBlockSize(int size) {
    return with("counterBlockSize", size);
  }

  public Settings withKeys(KeySettings k) {
    return with("keys", k);
  }

  public Settings withTracking(TrackingSettings t) {
    return with("tracking", t);
  }

  /** The witnesses that must cosign the audit log's checkpoints before they are served. */
  public Settings withWitnesses(WitnessSettings w) {
    return with("witnesses", w);
  }

  public Settings withWebhooks(EventHookSettings w) {
    return with("webhooks", w);
  }

  public Settings withVerification(VerificationSettings v) {
    return with("verification", v);
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

  /** A copy with one component replaced; the record header is the one list of fields. */
  private Settings with(String component, Object value) {
    return Records.with(this, component, value);
  }
}
