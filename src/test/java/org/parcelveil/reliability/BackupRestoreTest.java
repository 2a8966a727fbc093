package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.app.TestService;
import org.parcelveil.audit.AuditVerifier;
import org.parcelveil.keys.KeyStoreException;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.vault.PartyRole;

/**
 * Backup and restore as docs/operations.md describes it: online backups of the shipment database and the key store
 * plus the master key, restored into a new data directory, serve and verify; without the master key they are
 * useless.
 */
class BackupRestoreTest {

  @Test
  void backupWithKeys_restoresAndVerifies_butWithoutTheMasterKeyIsUseless() throws Exception {
    Path backups = Files.createTempDirectory("pv-backup-");
    String waybill;
    String masterKey;
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      waybill = svc.post("/v1/shipments", merchant, Fixtures.shipment("BK-1")).json().get("waybill").asText();
      svc.pv.audit().publisher().publishNow();
      backup(svc.pv, backups);
      masterKey = svc.masterKey();
    }
    Path restored = Files.createTempDirectory("pv-restored-");
    unzip(backups.resolve("parcelveil.zip"), restored.resolve("parcelveil.mv.db"));
    unzip(backups.resolve("keystore.zip"), restored.resolve("keystore.mv.db"));

    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(restored), Map.of(MasterKeySource.ENV, masterKey))) {
      var s = pv.shipments().find(waybill).orElseThrow();
      assertThat(pv.shipments().open(s, PartyRole.RECIPIENT).phone().reveal()).endsWith(Fixtures.MARK_PHONE);
      var report = new AuditVerifier(pv.database().dataSource(), pv.audit().verifierKeys()).verify(null);
      assertThat(report.ok()).as(report.messages().toString()).isTrue();
    }
    String otherKey = Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
    assertThatThrownBy(() -> ParcelVeil.open(Settings.defaults(restored), Map.of(MasterKeySource.ENV, otherKey)))
        .isInstanceOf(KeyStoreException.class);
    assertThatThrownBy(() -> ParcelVeil.open(Settings.defaults(restored), Map.of()))
        .isInstanceOf(KeyStoreException.class).hasMessageContaining("master key is missing");
  }

  /** Online backups, as an operator runs them: H2's BACKUP TO for each store (PostgreSQL: pg_dump per schema). */
  static void backup(ParcelVeil pv, Path dir) throws Exception {
    try (var c = pv.database().connection()) {
      c.createStatement().execute("BACKUP TO '" + dir.resolve("parcelveil.zip") + "'");
    }
    try (var c = pv.keys().database().connection()) {
      c.createStatement().execute("BACKUP TO '" + dir.resolve("keystore.zip") + "'");
    }
  }

  static void unzip(Path zip, Path to) throws Exception {
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (e.getName().endsWith(".mv.db")) {
          Files.copy((InputStream) in, to);
          return;
        }
      }
    }
    throw new AssertionError("no database in " + zip);
  }
}
