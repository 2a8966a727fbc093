package org.parcelveil.rotation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.audit.AuditReport;
import org.parcelveil.audit.AuditVerifier;
import org.parcelveil.keys.KeyName;
import org.parcelveil.vault.Phone;
import org.parcelveil.waybill.WaybillCodec;

/**
 * Key rotation on a running service with a second node on the same stores: new versions are used at once where
 * rotated and after a refresh elsewhere, and whatever the old versions protect keeps working: numbers decode, rows
 * are found by phone until re-indexed, labels scan, checkpoints verify. Every rotation is in the audit log.
 */
class KeyRotationTest {
  static final String ACTOR = "test";

  @Test
  void waybillKey_newNumbersAboveEveryLeasedCounter_oldNumbersDecode_otherNodeSwitchesOnItsNextLease() throws Exception {
    try (TestService a = TestService.start("postgres", s -> s.withCounterBlockSize(10)); TestService b = a.anotherNode()) {
      Fixtures.network(a);
      String merchant = a.principal("merchant", "Shop", null).token();
      String fromA = create(a, merchant, "W-1");
      String fromB = create(b, merchant, "W-2");

      KeyRotation.Done done = a.pv.keyRotation().waybill(ACTOR);
      assertThat(done.version()).isEqualTo(2);
      WaybillCodec codec = new WaybillKeys(a.pv.keys(), "PV").current();
      long first = KeyRotation.WAYBILL_MARGIN + 20; // two blocks of 10 were leased before the rotation
      assertThat(done.detail()).contains(Long.toString(first));

      // Each node finishes the block it leased before, under the old key...
      String stillOld = create(b, merchant, "W-3");
      assertThat(codec.decode(stillOld).getAsLong()).isLessThan(first);
      // ...and its next lease starts at the new first counter, numbered under the new key without a restart.
      List<String> later = new ArrayList<>();
      for (int i = 0; i < 9; i++) {
        later.add(create(b, merchant, "W-B" + i));
      }
      String fresh = later.get(later.size() - 1);
      assertThat(codec.decode(fresh).getAsLong()).isEqualTo(first);
      for (int i = 0; i < 10; i++) {
        later.add(create(a, merchant, "W-A" + i));
      }
      assertThat(codec.decode(later.get(later.size() - 1)).getAsLong()).isBetween(first, first + 20);
      assertThat(codec.decode(fromA)).isPresent();
      assertThat(codec.decode(fromB)).isPresent();
      assertThat(new WaybillCodec("PV", a.pv.keys().secrets(KeyName.WAYBILL).get(0).bytes()).encode(codec.decode(fresh).getAsLong()))
          .as("the new range is numbered under the new key").isNotEqualTo(fresh);
      assertThat(a.get("/v1/shipments/" + fromA, merchant).status()).isEqualTo(200);
      assertThat(auditActions(a)).contains("key.rotate");
    }
  }

  @Test
  void blindIndexKey_rowsStayFindable_areReindexedInTheBackground_andTheOldVersionRetires() throws Exception {
    try (TestService svc = TestService.start(); TestService other = svc.anotherNode()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      var courier = svc.pv.principals().create(null, "courier", "Courier", "HZ-XH01", "13700007777");
      String before = create(svc, merchant, "B-1");
      Phone phone = Phone.parse("phone", Fixtures.MARK_PHONE);

      svc.pv.keyRotation().blindIndex(ACTOR);
      String after = create(svc, merchant, "B-2");
      assertThat(index(svc, after)).startsWith("2.");
      assertThat(index(svc, before)).startsWith("1.");
      assertThat(waybills(svc, phone)).containsExactlyInAnyOrder(before, after);
      // The other node writes under v1 until it refreshes, and finds both meanwhile.
      String stale = create(other, merchant, "B-3");
      assertThat(index(svc, stale)).startsWith("1.");
      other.pv.keyRefresh().refresh();
      assertThat(index(svc, create(other, merchant, "B-4"))).startsWith("2.");
      assertThat(waybills(other, phone)).contains(before, after, stale);

      other.pv.keyRefresh().reindexIfNeeded();
      assertThat(index(svc, before)).startsWith("2.");
      assertThat(index(svc, stale)).startsWith("2.");
      assertThat(principalIndex(svc, courier.principal().id())).startsWith("2.");
      assertThat(waybills(svc, phone)).contains(before, after, stale);

      // A principal whose phone was registered before work phones were sealed cannot be re-indexed.
      svc.pv.keyRotation().blindIndex(ACTOR);
      exec(svc, "UPDATE principals SET phone_sealed = NULL WHERE id = '" + courier.principal().id() + "'");
      assertThatThrownBy(() -> svc.pv.keyRotation().retireBlindIndex(ACTOR, false))
          .hasMessageContaining("register them again");
      assertThat(svc.pv.keys().secrets(KeyName.BLIND_INDEX)).as("nothing retired").hasSize(3);
      assertThat(index(svc, before)).startsWith("3.");
      List<KeyRotation.Done> retired = svc.pv.keyRotation().retireBlindIndex(ACTOR, true);
      assertThat(retired).extracting(KeyRotation.Done::version).containsExactly(1, 2);
      assertThat(svc.pv.keys().secrets(KeyName.BLIND_INDEX)).hasSize(1);
      assertThat(waybills(svc, phone)).contains(before, after, stale);
      assertThat(auditActions(svc)).contains("key.rotate", "key.retire");
    }
  }

  @Test
  void qrAndAuditKeys_oldLabelsScan_oldCheckpointsVerify_andTheOtherNodeFollows() throws Exception {
    try (TestService svc = TestService.start(); TestService other = svc.anotherNode()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String station = svc.principal("station", "Desk", "HZ-XH01").token();
      String wb = create(svc, merchant, "Q-1");
      String oldToken = svc.pv.shipmentLabels().tokens().issue(wb);
      String checkpoint = svc.pv.audit().publisher().publishNow().orElseThrow();

      svc.pv.keyRotation().qr(ACTOR);
      svc.pv.keyRotation().auditSigning(ACTOR);
      String newToken = svc.pv.shipmentLabels().tokens().issue(wb);
      assertThat(newToken).isNotEqualTo(oldToken);
      assertThat(svc.post("/v1/scans", station, Map.of("qr", oldToken)).status()).isEqualTo(200);
      assertThat(svc.post("/v1/scans", station, Map.of("qr", newToken)).status()).isEqualTo(200);
      assertThat(other.post("/v1/scans", station, Map.of("qr", newToken)).status()).as("before its refresh").isEqualTo(400);
      other.pv.keyRefresh().refresh();
      assertThat(other.post("/v1/scans", station, Map.of("qr", newToken)).status()).isEqualTo(200);

      create(svc, merchant, "Q-2");
      String signedByNewKey = svc.pv.audit().publisher().publishNow().orElseThrow();
      assertThat(signedByNewKey).isNotEqualTo(checkpoint);
      List<String> vkeys = svc.pv.audit().verifierKeys();
      assertThat(vkeys).hasSize(2);
      AuditReport report = new AuditVerifier(svc.pv.database().dataSource(), vkeys).verify(checkpoint);
      assertThat(report.ok()).as(report.messages().toString()).isTrue();
      svc.clock.advance(Duration.ofSeconds(31));
      assertThat(svc.get("/v1/audit/key?all=true", null).body().strip().split("\n")).hasSize(2);
      assertThat(auditActions(svc).stream().filter("key.rotate"::equals)).hasSize(2);
    }
  }

  static String create(TestService svc, String token, String reference) {
    TestService.Response r = svc.post("/v1/shipments", token, Fixtures.shipment(reference));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("waybill").asText();
  }

  static List<String> waybills(TestService svc, Phone phone) {
    return svc.pv.shipments().byPhone(phone, 100).stream().map(s -> s.waybill()).toList();
  }

  static String index(TestService svc, String waybill) throws Exception {
    return one(svc, "SELECT recipient_phone_idx FROM shipments WHERE waybill = ?", waybill);
  }

  static String principalIndex(TestService svc, String id) throws Exception {
    return one(svc, "SELECT phone_idx FROM principals WHERE id = ?", id);
  }

  static List<String> auditActions(TestService svc) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = svc.pv.database().connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT action FROM audit_entries ORDER BY idx")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static void exec(TestService svc, String sql) throws Exception {
    try (Connection c = svc.pv.database().connection()) {
      c.createStatement().executeUpdate(sql);
    }
  }

  private static String one(TestService svc, String sql, String arg) throws Exception {
    try (Connection c = svc.pv.database().connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
