package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Backups;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.app.TestService;
import org.parcelveil.audit.AuditVerifier;
import org.parcelveil.keys.KeyStoreException;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.vault.PartyRole;

/**
 * Backup and restore as docs/operations.md describes it: an online backup of the embedded store (shipments and key
 * store, without the master key) is a data directory that serves and verifies with the master key; without it, it
 * is useless.
 */
class BackupRestoreTest {

  @Test
  void backupWithKeys_restoresAndVerifies_butWithoutTheMasterKeyIsUseless() throws Exception {
    Path restored = Files.createTempDirectory("pv-backup-").resolve("data");
    String waybill;
    String masterKey;
    try (TestService svc = TestService.start("embedded")) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      waybill = svc.post("/v1/shipments", merchant, Fixtures.shipment("BK-1")).json().get("waybill").asText();
      svc.pv.audit().publisher().publishNow();
      assertThat(Backups.backup(svc.pv, restored)).isPositive();
      masterKey = svc.masterKey();
    }
    assertThat(restored.resolve("master.key")).doesNotExist();

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
}
