package org.parcelveil.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.app.TestService;
import org.parcelveil.audit.AuditReport;
import org.parcelveil.audit.AuditVerifier;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.vault.PartyRole;

/**
 * A data directory of a release whose embedded store was H2 (its schema as of migration 53, its two files, its master
 * key) opens in this release: every shipment, key, principal and audit entry is there, the log verifies with the
 * same tree size and root, and the H2 files are left in place.
 */
class H2UpgradeTest {

  @Test
  void h2DataDirectory_isCopiedIntoTheEmbeddedStore_atFirstStart(@TempDir Path dir) throws Exception {
    Path old = dir.resolve("data");
    Files.createDirectories(old);
    String waybill;
    String masterKey;
    AuditReport before;
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      waybill = svc.post("/v1/shipments", merchant, Fixtures.shipment("UP-1")).json().get("waybill").asText();
      svc.pv.audit().publisher().publishNow();
      before = new AuditVerifier(svc.pv.database().dataSource(), svc.pv.audit().verifierKeys()).verify(null);
      masterKey = svc.masterKey();
      // The older release's files, written as it wrote them: its migrations on H2, then its rows.
      writeH2(old.resolve("parcelveil"), "db/main", "53", svc.pv.database(), "public");
      writeH2(old.resolve("keystore"), "db/keys", "2", svc.pv.keys().database(), ParcelVeil.KEY_SCHEMA);
    }
    assertThat(before.ok()).isTrue();
    Files.writeString(old.resolve(MasterKeySource.FILE), masterKey + "\n", StandardCharsets.US_ASCII);

    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(old), Map.of())) {
      var shipment = pv.shipments().find(waybill).orElseThrow();
      assertThat(pv.shipments().open(shipment, PartyRole.RECIPIENT).phone().reveal()).endsWith(Fixtures.MARK_PHONE);
      AuditReport after = new AuditVerifier(pv.database().dataSource(), pv.audit().verifierKeys()).verify(null);
      assertThat(after.ok()).as(after.messages().toString()).isTrue();
      assertThat(after.treeSize()).isEqualTo(before.treeSize());
      assertThat(after.rootHash()).isEqualTo(before.rootHash());
    }
    assertThat(old.resolve("parcelveil.mv.db")).exists();
    assertThat(old.resolve("keystore.mv.db")).exists();
    assertThat(old.resolve("upgraded-from-h2")).exists();
    // A second start does not copy again (it would wipe what was written since).
    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(old), Map.of())) {
      assertThat(pv.shipments().find(waybill)).isPresent();
    }
  }

  private static void writeH2(Path file, String migrations, String version, Database from, String schema)
      throws Exception {
    String url = "jdbc:h2:file:" + file.toAbsolutePath();
    Flyway.configure().dataSource(url, "sa", "").locations("classpath:" + migrations).target(version)
        .table("pv_schema_history").load().migrate();
    try (Connection h2 = DriverManager.getConnection(url, "sa", ""); Connection source = from.connection()) {
      StoreCopy.copy(source, schema, h2, "PUBLIC");
    }
  }
}
