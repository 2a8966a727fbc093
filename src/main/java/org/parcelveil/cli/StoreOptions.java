package org.parcelveil.cli;

import java.nio.file.Path;
import org.parcelveil.app.Settings;
import org.parcelveil.keys.KeySettings;
import org.parcelveil.label.LabelSettings;
import org.parcelveil.retention.RetentionPolicy;
import org.parcelveil.store.DatabaseSettings;
import picocli.CommandLine.Option;

/** The options every command takes to find the store: the data directory and, optionally, a database URL. */
final class StoreOptions {
  @Option(names = "--data", defaultValue = "./data", description = "Data directory (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--db-url", description = "JDBC URL of the shipment database (default: the embedded store in the data directory).")
  String dbUrl;

  @Option(names = "--db-user", description = "Database user.")
  String dbUser;

  @Option(names = "--db-password", description = "Database password (or PARCELVEIL_DB_PASSWORD).",
      defaultValue = "${env:PARCELVEIL_DB_PASSWORD}")
  String dbPassword;

  @Option(names = "--retention-days", defaultValue = "90",
      description = "Most days personal data is kept, for parcels never delivered (default: ${DEFAULT-VALUE}).")
  int retentionDays;

  @Option(names = "--retention-after-delivery-days", defaultValue = "30",
      description = "Days personal data is kept after delivery or return (default: ${DEFAULT-VALUE}).")
  int retentionAfterDelivery;

  @Option(names = "--public-url", defaultValue = "http://localhost:8080",
      description = "Public address printed on labels and in their QR codes (default: ${DEFAULT-VALUE}).")
  String publicUrl;

  @Option(names = "--master-key-uri", description = "KMS key URI of the master key (gcp-kms://, aws-kms:// with its "
      + "plug-in on the class path, or local-kms://PATH); default: PARCELVEIL_MASTER_KEY_URI, else "
      + "PARCELVEIL_MASTER_KEY, else DIR/master.key.")
  String masterKeyUri;

  @Option(names = "--label-font", description = "TrueType font for labels (default: the bundled WenQuanYi Micro Hei).")
  Path labelFont;

  @Option(names = "--audit-origin", description = "Origin line of the audit log's checkpoints "
      + "(default: <hostname>/parcelveil). Fixed by the first checkpoint.")
  String auditOrigin;

  Settings settings() {
    Settings s = Settings.defaults(data).withRetention(new RetentionPolicy(retentionAfterDelivery, retentionDays)).withPublicUrl(publicUrl)
        .withKeys(KeySettings.DEFAULTS.withMasterKeyUri(masterKeyUri));
    if (auditOrigin != null) {
      s = s.withAuditOrigin(auditOrigin);
    }
    if (labelFont != null) {
      s = s.withLabels(LabelSettings.defaults().withFontFile(labelFont));
    }
    return dbUrl == null ? s : s.withDatabase(new DatabaseSettings(dbUrl, dbUser, dbPassword));
  }
}
