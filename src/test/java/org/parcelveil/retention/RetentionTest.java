package org.parcelveil.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.OldBackups;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.TestService;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.ShreddedException;

/**
 * Crypto-shredding end to end: delivered parcels leave sooner than undelivered ones, shredded data is gone while
 * labels and views keep working from the non-personal data, a half-done run completes, and a backup of the shipment
 * database taken before shredding cannot be read with today's key store and master key.
 */
class RetentionTest {

  @Test
  void retention_shredsOnTime_keepsLabelsWorking_andCompletesAHalfDoneRun() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String origin = svc.principal("station", "Binjiang", "HZ-BJ01").token();
      String desk = svc.principal("station", "Xihu", "HZ-XH01").token();
      String support = svc.principal("support", "Agent", null).token();
      var courier = svc.principal("courier", "Courier", "HZ-XH01");
      String delivered = svc.post("/v1/shipments", merchant, Fixtures.shipment("R-1")).json().get("waybill").asText();
      String waiting = svc.post("/v1/shipments", merchant, Fixtures.shipment("R-2")).json().get("waybill").asText();
      svc.post("/v1/shipments/" + delivered + "/events", origin, Map.of("type", "PICKED_UP"));
      svc.post("/v1/shipments/" + delivered + "/events", desk,
          Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      svc.post("/v1/shipments/" + delivered + "/events", courier.token(), Map.of("type", "DELIVERED", "codCollected", true));
      assertThat(reveal(svc, support, delivered).status()).isEqualTo(200);

      svc.clock.advance(Duration.ofDays(32));
      assertThat(svc.pv.shredder().run(svc.clock.instant())).extracting(Shredder.Shredded::shipments).containsExactly(1);
      TestService.Response gone = reveal(svc, support, delivered);
      assertThat(gone.status()).isEqualTo(410);
      assertThat(gone.json().has("auditIndex")).isTrue();
      assertThat(reveal(svc, support, waiting).status()).isEqualTo(200);
      assertThat(svc.get("/v1/shipments/" + delivered, merchant).json().get("shredded").asBoolean()).isTrue();
      assertThat(svc.get("/v1/shipments/" + delivered + "/label?format=zpl", merchant).status()).isEqualTo(200);

      // A run that marked the shipments but died before destroying the key: the next run completes it.
      Shipment w = svc.pv.shipments().find(waiting).orElseThrow();
      try (var c = svc.pv.database().connection()) {
        c.createStatement().executeUpdate("UPDATE shipments SET shredded_at = CURRENT_TIMESTAMP WHERE retention_day = DATE '"
            + w.retentionDay() + "'");
      }
      assertThat(svc.pv.keys().isBucketDestroyed(w.retentionDay())).isFalse();
      svc.clock.advance(Duration.ofDays(60));
      assertThat(svc.pv.shredder().run(svc.clock.instant())).extracting(Shredder.Shredded::day)
          .contains(w.retentionDay());
      assertThat(svc.pv.keys().isBucketDestroyed(w.retentionDay())).isTrue();
      assertThat(svc.pv.shredder().run(svc.clock.instant())).isEmpty();
    }
  }

  @Test
  void backupTakenBeforeShredding_cannotBeDecryptedWithTheCurrentKeys() throws Exception {
    Path backup;
    String waybill;
    TestService svc = TestService.start();
    try {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      waybill = svc.post("/v1/shipments", merchant, Fixtures.shipment("B-1")).json().get("waybill").asText();
      backup = OldBackups.take(svc);
      svc.clock.advance(Duration.ofDays(91));
      assertThat(svc.pv.shredder().run(svc.clock.instant())).isNotEmpty();
    } finally {
      svc.close();
    }
    // Restore the old shipment data over the live store; keep today's key store and master key.
    OldBackups.restoreShipmentData(backup, svc);
    TestService restored = svc.restart();
    try {
      ParcelVeil pv = restored.pv;
      Shipment s = pv.shipments().find(waybill).orElseThrow();
      assertThat(s.isShredded()).as("the backup predates the shredding").isFalse();
      assertThatThrownBy(() -> pv.shipments().open(s, PartyRole.RECIPIENT)).isInstanceOf(ShreddedException.class);
      String support = restored.principal("support", "Agent", null).token();
      assertThat(reveal(restored, support, waybill).status()).isEqualTo(410);
    } finally {
      restored.close();
    }
  }

  static TestService.Response reveal(TestService svc, String token, String wb) {
    return svc.post("/v1/shipments/" + wb + "/reveal", token,
        Map.of("party", "recipient", "purpose", "SUPPORT", "ticket", "T-" + wb.substring(2, 8)));
  }


}
