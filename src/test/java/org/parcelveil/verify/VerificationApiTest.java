package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/** {@code POST /v1/verifications}: each check through the API, the claim registry, and what is recorded. */
class VerificationApiTest {
  static TestService svc;
  static Parcels parcels;
  static String platform;
  static String otherPlatform;

  @BeforeAll
  static void start() {
    svc = TestService.start();
    parcels = new Parcels(svc);
    platform = svc.principal("platform", "Market A", null).token();
    otherPlatform = svc.principal("platform", "Market B", null).token();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  static Map<String, Object> order(String waybill, String orderId, Instant at) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("waybill", waybill);
    o.put("orderId", orderId);
    o.put("orderCreatedAt", at.toString());
    o.put("origin", Fixtures.area("浙江省", "杭州市", "滨江区"));
    o.put("destination", Fixtures.area("浙江省", "杭州市", "西湖区"));
    o.put("recipientPhone", Fixtures.MARK_PHONE);
    return o;
  }

  static JsonNode verify(String token, Map<String, Object> order) {
    TestService.Response r = svc.post("/v1/verifications", token, order);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  static String outcome(JsonNode v, String check) {
    for (JsonNode c : v.get("checks")) {
      if (c.get("name").asText().equals(check)) {
        return c.get("outcome").asText();
      }
    }
    throw new AssertionError("no check " + check + " in " + v);
  }

  /** An order placed a minute ago, then its parcel created, picked up, sorted and delivered. */
  static String delivered(String ref) {
    String wb = parcels.create(ref);
    parcels.toDestination(wb, 1150);
    parcels.deliver(wb);
    return wb;
  }

  @Test
  void genuineDeliveredOrder_matchesOnEveryCheck_andTheSameOrderMayAskAgain() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = delivered("V-1");
    JsonNode v = verify(platform, order(wb, "A-1", ordered));
    assertThat(v.get("verdict").asText()).as(v.toString()).isEqualTo("MATCH");
    assertThat(v.get("checks")).extracting(c -> c.get("name").asText()).containsExactly("exists", "claim",
        "created_after_order", "origin", "destination", "physical_scans", "weight", "delivery_station", "state");
    assertThat(v.get("checks")).allSatisfy(c -> assertThat(c.get("outcome").asText()).isEqualTo("PASS"));
    assertThat(verify(platform, order(wb, "A-1", ordered)).get("verdict").asText()).isEqualTo("MATCH");

    JsonNode reused = verify(platform, order(wb, "A-2", ordered));
    assertThat(reused.get("verdict").asText()).isEqualTo("MISMATCH");
    assertThat(outcome(reused, "claim")).isEqualTo("FAIL");
    assertThat(outcome(reused, "destination")).as("no phone oracle on others' parcels").isEqualTo("SKIP");
    assertThat(outcome(verify(otherPlatform, order(wb, "A-1", ordered)), "claim")).isEqualTo("FAIL");
  }

  @Test
  void unknownAndMalformedNumbers_areUnknownWaybill() {
    for (String wb : new String[] {"PV12345678901234X", "hello", Fixtures.MARK_PHONE}) {
      JsonNode v = verify(platform, order(wb, "U-1", svc.clock.instant()));
      assertThat(v.get("verdict").asText()).isEqualTo("UNKNOWN_WAYBILL");
      assertThat(outcome(v, "exists")).isEqualTo("FAIL");
    }
  }

  @Test
  void numbersAsCopiedFromALabel_areRecognised() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = delivered("V-9");
    String typed = wb.substring(0, 6).toLowerCase() + " " + wb.substring(6, 10) + "-" + wb.substring(10);
    assertThat(verify(platform, order(typed, "Z-1", ordered)).get("verdict").asText()).isEqualTo("MATCH");
    assertThat(verify(platform, order(wb, "Z-1", ordered)).get("verdict").asText()).isEqualTo("MATCH");
  }

  @Test
  void parcelCreatedBeforeTheOrder_fails() {
    String wb = delivered("V-2");
    svc.clock.advance(Duration.ofHours(2));
    JsonNode v = verify(platform, order(wb, "B-1", svc.clock.instant()));
    assertThat(v.get("verdict").asText()).isEqualTo("MISMATCH");
    assertThat(outcome(v, "created_after_order")).isEqualTo("FAIL");
    assertThat(outcome(v, "claim")).as("a failing order does not claim").isEqualTo("SKIP");
  }

  @Test
  void wrongOriginDestinationOrBuyer_fail() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = delivered("V-3");
    Map<String, Object> from = order(wb, "C-1", ordered);
    from.put("origin", Fixtures.area("上海市", "上海市", "浦东新区"));
    assertThat(outcome(verify(platform, from), "origin")).isEqualTo("FAIL");
    Map<String, Object> to = order(wb, "C-2", ordered);
    to.put("destination", Fixtures.area("浙江省", "杭州市", "滨江区"));
    assertThat(outcome(verify(platform, to), "destination")).isEqualTo("FAIL");
    Map<String, Object> neighbour = order(wb, "C-3", ordered);
    neighbour.put("recipientPhone", "13911112222");
    JsonNode v = verify(platform, neighbour);
    assertThat(outcome(v, "destination")).isEqualTo("FAIL");
    assertThat(v.toString()).doesNotContain("13911112222", Fixtures.MARK_PHONE_DIGITS);
    Map<String, Object> cityOnly = order(wb, "C-4", ordered);
    cityOnly.put("destination", Map.of("province", "浙江省", "city", "杭州市"));
    cityOnly.remove("recipientPhone");
    assertThat(verify(platform, cityOnly).get("verdict").asText()).as("district is optional").isEqualTo("MATCH");
  }

  @Test
  void emptyParcel_isSuspicious() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = parcels.create("V-4");
    parcels.toDestination(wb, 12);
    JsonNode v = verify(platform, order(wb, "D-1", ordered));
    assertThat(v.get("verdict").asText()).isEqualTo("SUSPICIOUS");
    assertThat(outcome(v, "weight")).isEqualTo("WARN");
    assertThat(outcome(v, "delivery_station")).isEqualTo("SKIP");
  }

  @Test
  void scanChainOfOneAccount_fails() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = parcels.create("V-5");
    parcels.event(parcels.originDesk, wb, Map.of("type", "PICKED_UP", "weightGrams", 900));
    parcels.event(parcels.originDesk, wb, Map.of("type", "ARRIVED"));
    parcels.event(parcels.originDesk, wb, Map.of("type", "DEPARTED"));
    JsonNode v = verify(platform, order(wb, "E-1", ordered));
    assertThat(v.get("verdict").asText()).isEqualTo("MISMATCH");
    assertThat(outcome(v, "physical_scans")).isEqualTo("FAIL");
  }

  @Test
  void notPickedUp_orSilentForADay_isSuspicious() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = parcels.create("V-6");
    assertThat(outcome(verify(platform, order(wb, "F-1", ordered)), "physical_scans")).isEqualTo("WARN");
    parcels.event(parcels.originDesk, wb, Map.of("type", "PICKED_UP", "weightGrams", 900));
    parcels.event(parcels.hubDesk, wb, Map.of("type", "ARRIVED"));
    assertThat(verify(platform, order(wb, "F-1", ordered)).get("verdict").asText()).isEqualTo("MATCH");
    svc.clock.advance(Duration.ofHours(25));
    JsonNode v = verify(platform, order(wb, "F-1", ordered));
    assertThat(v.get("verdict").asText()).isEqualTo("SUSPICIOUS");
    assertThat(outcome(v, "physical_scans")).isEqualTo("WARN");
  }

  @Test
  void returnedParcel_fails() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = parcels.create("V-7");
    parcels.toDestination(wb, 900);
    parcels.event(parcels.destDesk, wb, Map.of("type", "RETURNED"));
    assertThat(outcome(verify(platform, order(wb, "G-1", ordered)), "state")).isEqualTo("FAIL");
  }

  @Test
  void afterShredding_theAreasStillCount_butThePhoneCannotBeCompared() {
    try (TestService own = TestService.start()) {
      Parcels p = new Parcels(own);
      String market = own.principal("platform", "Market", null).token();
      Instant ordered = own.clock.instant().minusSeconds(60);
      String wb = p.create("V-10");
      p.toDestination(wb, 900);
      p.deliver(wb);
      own.clock.advance(Duration.ofDays(400));
      own.pv.shredder().run(own.clock.instant());
      TestService.Response r = own.post("/v1/verifications", market, order(wb, "S-1", ordered));
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(outcome(r.json(), "destination")).isEqualTo("SKIP");
      assertThat(outcome(r.json(), "origin")).isEqualTo("PASS");
    }
  }

  @Test
  void onlyPlatforms_mayVerify() {
    Map<String, Object> o = order("PV12345678901234X", "H-1", svc.clock.instant());
    assertThat(svc.post("/v1/verifications", null, o).status()).isEqualTo(401);
    assertThat(svc.post("/v1/verifications", parcels.merchant, o).status()).isEqualTo(403);
    assertThat(svc.post("/v1/verifications", svc.adminToken, o).status()).isEqualTo(403);
  }

  @Test
  void badFields_are400_namingTheFieldNeverTheValue() {
    Map<String, Object> o = order("PV12345678901234X", "bad id with spaces", svc.clock.instant().plusSeconds(3600));
    o.put("recipientPhone", "+86 139 " + Fixtures.MARK_PHONE_DIGITS + "x");
    o.put("origin", Map.of("province", "浙江省"));
    TestService.Response r = svc.post("/v1/verifications", platform, o);
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().get("errors")).extracting(e -> e.get("field").asText())
        .contains("orderId", "orderCreatedAt", "origin.city", "recipientPhone");
    assertThat(r.body()).doesNotContain(Fixtures.MARK_PHONE_DIGITS, "bad id");
  }

  @Test
  void everyVerification_isRecorded_withoutPersonalData() throws Exception {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = delivered("V-8");
    verify(platform, order(wb, "K-1", ordered));
    verify(platform, order(Fixtures.MARK_PHONE, "K-2", ordered));
    try (var c = svc.pv.database().connection();
        var rs = c.createStatement().executeQuery("SELECT waybill, verdict, flags FROM verification_requests "
            + "WHERE order_id IN ('K-1', 'K-2') ORDER BY order_id")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo(wb);
      assertThat(rs.getString(2)).isEqualTo("MATCH");
      assertThat(rs.getString(3)).isEmpty();
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).as("what a seller typed is kept only if it is a number's shape").isNull();
      assertThat(rs.getString(2)).isEqualTo("UNKNOWN_WAYBILL");
      assertThat(rs.getString(3)).isEqualTo("exists:FAIL");
    }
  }
}
