package org.parcelveil.subject;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.OldBackups;
import org.parcelveil.app.TestService;

/**
 * Data-subject requests end to end: a person proves control of a phone with a one-time code, lists and exports
 * their own shipments and has finished ones erased; no existence oracle, limits per phone and client, everything
 * audit-logged, and an erasure survives the restore of an older backup.
 */
class SubjectRequestsTest {
  static final String SHOP_PHONE = "13800001111";

  @Test
  void challengeSessionListExportErase_onlyTheirOwnData_everyStepLogged() throws Exception {
    try (TestService svc = TestService.start()) {
      World w = World.of(svc, "13911110001");
      String unknown = "13911119999";
      assertThat(challenge(svc, unknown).status()).isEqualTo(202);
      TestService.Response known = challenge(svc, w.phone);
      assertThat(known.status()).isEqualTo(202);
      assertThat(known.body()).isEqualTo(challenge(svc, unknown).body());
      String code = CapturingNotifier.next("+86" + w.phone, Duration.ofSeconds(5)).orElseThrow();
      assertThat(CapturingNotifier.next("+86" + unknown, Duration.ofMillis(300))).as("no code for no data").isEmpty();

      String wrong = code.equals("000000") ? "000001" : "000000";
      TestService.Response refused = session(svc, w.phone, wrong);
      assertThat(refused.status()).isEqualTo(401);
      assertThat(refused.json().get("type").asText()).contains("code-rejected");
      assertThat(session(svc, unknown, code).status()).isEqualTo(401);
      TestService.Response opened = session(svc, w.phone, code);
      assertThat(opened.status()).isEqualTo(201);
      String token = opened.json().get("token").asText();
      assertThat(token).startsWith("pv_");
      assertThat(session(svc, w.phone, code).status()).as("a code opens one session").isEqualTo(401);

      TestService.Response list = svc.get("/v1/subjects/shipments", token);
      assertThat(list.status()).isEqualTo(200);
      JsonNode shipments = list.json().get("shipments");
      assertThat(waybills(shipments)).containsExactlyInAnyOrder(w.delivered, w.moving);
      assertThat(shipments.get(0).get("parties").toString()).isEqualTo("[\"recipient\"]");
      assertThat(shipments.get(0).get("masked").get("phone").asText()).isEqualTo("*******0001");
      assertThat(list.body()).doesNotContain(w.phone, Fixtures.MARK_STREET, SHOP_PHONE, "Qxsender");
      assertThat(svc.get("/v1/subjects/shipments", w.merchant).status()).as("a principal's token").isEqualTo(401);
      assertThat(svc.get("/v1/subjects/shipments", null).status()).isEqualTo(401);

      TestService.Response export = svc.get("/v1/subjects/export", token);
      assertThat(export.status()).isEqualTo(200);
      assertThat(export.header("Cache-Control")).isEqualTo("no-store");
      assertThat(export.body()).contains(w.phone, Fixtures.MARK_STREET, Fixtures.MARK_NAME, "DELIVERED")
          .doesNotContain(SHOP_PHONE, "Qxsender", w.others);
      assertThat(export.json().get("shipments")).hasSize(2);

      TestService.Response erase = svc.post("/v1/subjects/erase", token,
          Map.of("waybills", List.of(w.delivered, w.moving, w.others)));
      assertThat(erase.status()).isEqualTo(200);
      assertThat(erase.json().get("results").toString()).contains(
          "{\"waybill\":\"" + w.delivered + "\",\"outcome\":\"erased\"}",
          "{\"waybill\":\"" + w.moving + "\",\"outcome\":\"not_finished\"}",
          "{\"waybill\":\"" + w.others + "\",\"outcome\":\"not_found\"}");
      assertThat(personalColumns(svc, w.delivered)).containsOnlyNulls();
      assertThat(personalColumns(svc, w.others)).doesNotContainNull();
      assertThat(svc.post("/v1/shipments/" + w.delivered + "/reveal", w.support,
          Map.of("party", "recipient", "purpose", "SUPPORT", "ticket", "T-1")).status()).isEqualTo(410);
      assertThat(waybills(svc.get("/v1/subjects/shipments", token).json().get("shipments")))
          .containsExactly(w.moving);
      assertThat(svc.post("/v1/subjects/erase", token, Map.of("waybills", List.of("x'; --"))).status()).isEqualTo(400);
      // A marketplace check of the erased parcel still answers; the recipient is not compared any more.
      Map<String, Object> order = new java.util.LinkedHashMap<>(Map.of("waybill", w.delivered, "orderId", "O-1",
          "orderCreatedAt", svc.clock.instant().minus(Duration.ofDays(1)).toString(),
          "origin", Fixtures.area("浙江省", "杭州市", "滨江区"), "destination", Fixtures.area("浙江省", "杭州市", "西湖区")));
      order.put("recipientPhone", w.phone);
      TestService.Response verified = svc.post("/v1/verifications", svc.principal("platform", "Market", null).token(), order);
      assertThat(verified.status()).as(verified.body()).isEqualTo(200);
      // The destination check skips the phone: nothing is left to compare it with.
      assertThat(verified.body()).contains("the recipient's details have been deleted", "the phone cannot be compared");

      assertThat(actions(svc)).contains("subject.challenge", "subject.session", "subject.list", "subject.export",
          "subject.erase");
      assertThat(count(svc, "SELECT COUNT(*) FROM audit_entries WHERE action = 'subject.export'")).isEqualTo(2);
      assertThat(count(svc, "SELECT COUNT(*) FROM audit_entries WHERE action = 'subject.erase' AND outcome = 'refused'"))
          .isEqualTo(2);
      svc.clock.advance(Duration.ofMinutes(16));
      assertThat(svc.get("/v1/subjects/shipments", token).status()).as("the session has ended").isEqualTo(401);
    }
  }

  @Test
  void challenges_areLimitedPerPhoneAndPerClient_andCodesAllowFewGuesses() throws Exception {
    try (TestService svc = TestService.start()) {
      World w = World.of(svc, "13911110002");
      for (int i = 0; i < 3; i++) {
        assertThat(challenge(svc, w.phone).status()).isEqualTo(202);
      }
      TestService.Response limited = challenge(svc, w.phone);
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.header("Retry-After")).isNotBlank();
      String code = null;
      for (String c; (c = CapturingNotifier.next("+86" + w.phone, Duration.ofSeconds(2)).orElse(null)) != null; ) {
        code = c;
      }
      assertThat(code).isNotNull();
      for (int i = 0; i < 5; i++) {
        session(svc, w.phone, code.equals("123456") ? "654321" : "123456");
      }
      assertThat(session(svc, w.phone, code).status()).as("out of guesses").isEqualTo(401);

      for (int i = 0; i < 6; i++) { // 4 challenges so far, 10 an hour per client
        challenge(svc, "1391111" + String.format("%04d", 100 + i));
      }
      assertThat(challenge(svc, "13911110200").status()).as("the client's hourly limit").isEqualTo(429);
      svc.clock.advance(Duration.ofMinutes(61));
      assertThat(challenge(svc, w.phone).status()).isEqualTo(202);
    }
  }

  @Test
  void erasure_isAppliedAgainAfterAnOlderBackupOfTheShipmentsIsRestored() throws Exception {
    TestService svc = TestService.start();
    World w;
    Path backup;
    try {
      w = World.of(svc, "13911110003");
      backup = OldBackups.take(svc);
      String token = login(svc, w.phone);
      assertThat(svc.post("/v1/subjects/erase", token, Map.of("waybills", List.of(w.delivered))).body())
          .contains("erased");
    } finally {
      svc.close();
    }
    OldBackups.restoreShipmentData(backup, svc);
    TestService restored = svc.restart();
    try {
      assertThat(personalColumns(restored, w.delivered)).as("the backup predates the erasure").doesNotContainNull();
      restored.pv.shredder().run(restored.clock.instant());
      assertThat(personalColumns(restored, w.delivered)).containsOnlyNulls();
      assertThat(actions(restored)).contains("retention.reerase");
    } finally {
      restored.close();
    }
  }

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void erasure_wipesTheRow_andRetentionRunsWipeItAgain(String kind) throws Exception {
    try (TestService svc = TestService.start(kind)) {
      World w = World.of(svc, "13911110004");
      String token = login(svc, w.phone);
      assertThat(svc.post("/v1/subjects/erase", token, Map.of("waybills", List.of(w.delivered))).body())
          .contains("erased");
      assertThat(personalColumns(svc, w.delivered)).containsOnlyNulls();
      // As if an older copy of the row came back.
      try (Connection c = svc.pv.database().connection(); PreparedStatement ps = c.prepareStatement(
          "UPDATE shipments SET shredded_at = NULL, recipient_name = ?, recipient_phone_idx = 'x' WHERE waybill = ?")) {
        ps.setBytes(1, new byte[] {1, 2, 3});
        ps.setString(2, w.delivered);
        ps.executeUpdate();
      }
      svc.pv.shredder().run(svc.clock.instant());
      assertThat(personalColumns(svc, w.delivered)).containsOnlyNulls();
      svc.clock.advance(Duration.ofDays(31));
      svc.pv.shredder().run(svc.clock.instant());
      assertThat(count(svc, "SELECT COUNT(*) FROM shipments WHERE recipient_phone_idx IS NOT NULL "
          + "AND shredded_at IS NOT NULL")).as("shredding removes blind indexes").isZero();
    }
  }

  /** A network, a merchant and three shipments: two for the subject's phone (one delivered), one for another person. */
  record World(String phone, String merchant, String support, String delivered, String moving, String others) {
    static World of(TestService svc, String phone) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String origin = svc.principal("station", "Binjiang", "HZ-BJ01").token();
      String desk = svc.principal("station", "Xihu", "HZ-XH01").token();
      var courier = svc.principal("courier", "Courier", "HZ-XH01");
      String delivered = create(svc, merchant, phone);
      String moving = create(svc, merchant, phone);
      String others = create(svc, merchant, "13911118888");
      svc.post("/v1/shipments/" + delivered + "/events", origin, Map.of("type", "PICKED_UP"));
      svc.post("/v1/shipments/" + delivered + "/events", desk,
          Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      assertThat(svc.post("/v1/shipments/" + delivered + "/events", courier.token(), Map.of("type", "DELIVERED", "codCollected", true))
          .status()).isEqualTo(201);
      return new World(phone, merchant, svc.principal("support", "Agent", null).token(), delivered, moving, others);
    }

    private static String create(TestService svc, String merchant, String recipientPhone) {
      Map<String, Object> s = new java.util.LinkedHashMap<>(Fixtures.shipment("S-" + recipientPhone));
      s.put("recipient", Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉黛", recipientPhone, "西湖区"));
      return svc.post("/v1/shipments", merchant, s).json().get("waybill").asText();
    }
  }

  static String login(TestService svc, String phone) throws Exception {
    assertThat(challenge(svc, phone).status()).isEqualTo(202);
    String code = CapturingNotifier.next("+86" + phone, Duration.ofSeconds(5)).orElseThrow();
    return session(svc, phone, code).json().get("token").asText();
  }

  static TestService.Response challenge(TestService svc, String phone) {
    return svc.post("/v1/subjects/challenge", null, Map.of("phone", phone));
  }

  static TestService.Response session(TestService svc, String phone, String code) {
    return svc.post("/v1/subjects/session", null, Map.of("phone", phone, "code", code));
  }

  static List<String> waybills(JsonNode shipments) {
    List<String> out = new ArrayList<>();
    shipments.forEach(s -> out.add(s.get("waybill").asText()));
    return out;
  }

  static List<Object> personalColumns(TestService svc, String waybill) throws Exception {
    try (Connection c = svc.pv.database().connection(); PreparedStatement ps = c.prepareStatement("SELECT sender_name, "
        + "sender_phone, sender_detail, sender_phone_idx, recipient_name, recipient_phone, recipient_detail, "
        + "recipient_phone_idx FROM shipments WHERE waybill = ?")) {
      ps.setString(1, waybill);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        List<Object> out = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
          out.add(rs.getObject(i));
        }
        return out;
      }
    }
  }

  static List<String> actions(TestService svc) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = svc.pv.database().connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT action FROM audit_entries ORDER BY idx")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  static long count(TestService svc, String sql) throws Exception {
    try (Connection c = svc.pv.database().connection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
