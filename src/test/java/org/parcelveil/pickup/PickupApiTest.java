package org.parcelveil.pickup;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.subject.CapturingNotifier;

/**
 * Pickup points end to end on the real service: shelving sends a code, the holding station hands over on code and
 * phone digits, and the attacks: wrong code or digits (one answer), guessing past the tries, guessing one code
 * across many parcels, expiry, replay, another station, a courier, and a delivery recorded around the handover.
 * Delivery PINs: sent on going out, needed to deliver.
 */
class PickupApiTest {
  private static TestService svc;
  private static String merchant;
  private static String originDesk;
  private static String destDesk;
  private static String foreignDesk;
  private static String courier;
  private static String courierId;

  @BeforeAll
  static void start() {
    svc = TestService.start("postgres");
    Fixtures.network(svc);
    assertThat(svc.post("/v1/stations", svc.adminToken, Map.of("code", "HZ-GS01", "name", "Gongshu", "kind",
        "STATION", "area", Fixtures.area("浙江省", "杭州市", "拱墅区"))).status()).isEqualTo(201);
    merchant = svc.principal("merchant", "Shop", null).token();
    originDesk = svc.principal("station", "Binjiang desk", "HZ-BJ01").token();
    destDesk = svc.principal("station", "Xihu desk", "HZ-XH01").token();
    foreignDesk = svc.principal("station", "Gongshu desk", "HZ-GS01").token();
    var c = svc.pv.principals().create(null, "courier", "Courier", "HZ-XH01", "13700007777");
    courier = c.token();
    courierId = c.principal().id();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  /** A parcel and its recipient's phone. */
  record Parcel(String waybill, String phone) {
    String last4() {
      return phone.substring(7);
    }
  }

  private static Parcel created(boolean pin) {
    String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    Map<String, Object> body = new HashMap<>(Fixtures.shipment("PU-" + phone));
    body.put("recipient", Fixtures.party("Recipient", phone, "西湖区"));
    if (pin) {
      body.put("deliveryPin", true);
    }
    TestService.Response r = svc.post("/v1/shipments", merchant, body);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    Parcel p = new Parcel(r.json().get("waybill").asText(), phone);
    assertThat(event(originDesk, p, Map.of("type", "PICKED_UP")).status()).isEqualTo(201);
    assertThat(event(destDesk, p, Map.of("type", "ARRIVED")).status()).isEqualTo(201);
    return p;
  }

  /** A parcel shelved at its destination station, and the code its recipient was sent. */
  private static Parcel shelved() {
    Parcel p = created(false);
    shelve(p);
    return p;
  }

  private static String shelve(Parcel p) {
    TestService.Response r = event(destDesk, p, Map.of("type", "AT_PICKUP_POINT"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("state").asText()).isEqualTo("AT_PICKUP_POINT");
    return code(p);
  }

  private static String code(Parcel p) {
    try {
      return CapturingNotifier.next("+86" + p.phone(), Duration.ofSeconds(10)).orElseThrow();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TestService.Response event(String token, Parcel p, Map<String, Object> body) {
    return svc.post("/v1/shipments/" + p.waybill() + "/events", token, body);
  }

  private static TestService.Response handover(String token, Parcel p, String code, String last4) {
    return svc.post("/v1/shipments/" + p.waybill() + "/handover", token, Map.of("code", code, "phoneLast4", last4));
  }

  private static String state(Parcel p) {
    return svc.get("/v1/shipments/" + p.waybill(), merchant).json().get("status").asText();
  }

  private static String otherCode(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  private static String otherDigits(String last4) {
    return String.format("%04d", (Integer.parseInt(last4) + 1) % 10_000);
  }

  @Test
  void codeAndLastFour_handOverTheParcel_inTheStaffMembersName() throws Exception {
    Parcel p = created(false);
    String code = shelve(p);
    assertThat(code).matches("[0-9]{6}");
    TestService.Response r = handover(destDesk, p, code, p.last4());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().get("state").asText()).isEqualTo("DELIVERED");
    assertThat(state(p)).isEqualTo("DELIVERED");
    try (Connection c = svc.pv.database().dataSource().getConnection();
        PreparedStatement st = c.prepareStatement(
            "SELECT principal_id FROM shipment_events WHERE waybill = ? AND type = 'DELIVERED'")) {
      st.setString(1, p.waybill());
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(svc.pv.principals().authenticate(destDesk).orElseThrow().id()).isEqualTo(rs.getString(1));
      }
    }
    try (Connection c = svc.pv.database().dataSource().getConnection();
        PreparedStatement st = c.prepareStatement("SELECT COUNT(*) FROM pickup_codes WHERE waybill = ?")) {
      st.setString(1, p.waybill());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("a delivered parcel's code is forgotten").isZero();
      }
    }
  }

  @Test
  void theCodeIsStoredOnlyAsAKeyedMac() throws Exception {
    Parcel p = created(false);
    String code = shelve(p);
    try (Connection c = svc.pv.database().dataSource().getConnection();
        PreparedStatement st = c.prepareStatement("SELECT code_mac FROM pickup_codes WHERE waybill = ?")) {
      st.setString(1, p.waybill());
      try (ResultSet rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).doesNotContain(code).doesNotContain(p.last4()).hasSize(64);
      }
    }
  }

  @Test
  void wrongCode_andWrongDigits_getTheSameAnswer() {
    Parcel p = created(false);
    String code = shelve(p);
    TestService.Response wrongCode = handover(destDesk, p, otherCode(code), p.last4());
    TestService.Response wrongDigits = handover(destDesk, p, code, otherDigits(p.last4()));
    assertThat(wrongCode.status()).isEqualTo(422);
    assertThat(wrongDigits.status()).isEqualTo(422);
    assertThat(wrongCode.body()).isEqualTo(wrongDigits.body());
    assertThat(wrongCode.body()).doesNotContain(code).doesNotContain(p.last4());
    assertThat(handover(destDesk, p, code, p.last4()).status()).isEqualTo(201);
  }

  @Test
  void afterFiveTries_evenTheRightCodeIs429_untilTheParcelIsShelvedAgain() {
    Parcel p = created(false);
    String code = shelve(p);
    for (int i = 0; i < 5; i++) {
      assertThat(handover(destDesk, p, otherCode(code), p.last4()).status()).isEqualTo(422);
    }
    TestService.Response locked = handover(destDesk, p, code, p.last4());
    assertThat(locked.status()).isEqualTo(429);
    assertThat(locked.json().get("detail").asText()).contains("AT_PICKUP_POINT");
    assertThat(state(p)).isEqualTo("AT_PICKUP_POINT");
    String fresh = shelve(p);
    if (!fresh.equals(code)) {
      assertThat(handover(destDesk, p, code, p.last4()).status()).as("the old code is void").isEqualTo(422);
    }
    assertThat(handover(destDesk, p, fresh, p.last4()).status()).isEqualTo(201);
  }

  @Test
  void oneGuessAcrossManyParcels_isStoppedPerStaffMember() {
    String guesser = svc.principal("station", "Guessing desk", "HZ-XH01").token();
    for (int i = 0; i < 5; i++) {
      Parcel p = shelved();
      for (int t = 0; t < 4; t++) {
        assertThat(handover(guesser, p, "000000", "0000").status()).isIn(422, 201);
      }
    }
    Parcel next = created(false);
    String code = shelve(next);
    TestService.Response r = handover(guesser, next, code, next.last4());
    assertThat(r.status()).as("a desk past its day's misses is stopped, whatever it enters").isEqualTo(429);
    assertThat(handover(destDesk, next, code, next.last4()).status()).as("other desks go on").isEqualTo(201);
  }

  @Test
  void anExpiredCode_hasItsOwnAnswer() {
    Parcel p = created(false);
    String code = shelve(p);
    svc.clock.advance(Duration.ofDays(7).plusMinutes(1));
    TestService.Response r = handover(destDesk, p, code, p.last4());
    assertThat(r.status()).isEqualTo(410);
    assertThat(r.json().get("type").asText()).endsWith("code-expired");
    assertThat(handover(destDesk, p, shelve(p), p.last4()).status()).isEqualTo(201);
  }

  @Test
  void aUsedCode_cannotBeReplayed() {
    Parcel p = created(false);
    String code = shelve(p);
    assertThat(handover(destDesk, p, code, p.last4()).status()).isEqualTo(201);
    TestService.Response again = handover(destDesk, p, code, p.last4());
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().get("state").asText()).isEqualTo("DELIVERED");
  }

  @Test
  void anotherStation_orACourier_cannotHandOver_norSpendTheTries() {
    Parcel p = created(false);
    String code = shelve(p);
    for (int i = 0; i < 6; i++) {
      assertThat(handover(foreignDesk, p, code, p.last4()).status()).isEqualTo(404);
      assertThat(handover(originDesk, p, otherCode(code), p.last4()).status()).isEqualTo(403);
    }
    assertThat(handover(courier, p, code, p.last4()).status()).isEqualTo(403);
    assertThat(event(courier, p, Map.of("type", "DELIVERED")).status()).isIn(403, 404, 409);
    assertThat(state(p)).isEqualTo("AT_PICKUP_POINT");
    assertThat(handover(destDesk, p, code, p.last4()).status()).isEqualTo(201);
  }

  @Test
  void aDeliveredEvent_cannotGoAroundTheHandover() {
    Parcel p = created(false);
    String code = shelve(p);
    TestService.Response r = event(destDesk, p, Map.of("type", "DELIVERED"));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("detail").asText()).contains("/handover");
    assertThat(handover(destDesk, p, code, p.last4()).status()).isEqualTo(201);
  }

  @Test
  void onlyTheDestinationStationShelves_andOnlyAnArrivedOrFailedParcel() {
    String phone = "13911112222";
    Map<String, Object> body = new HashMap<>(Fixtures.shipment("PU-early"));
    body.put("recipient", Fixtures.party("Recipient", phone, "西湖区"));
    Parcel p = new Parcel(svc.post("/v1/shipments", merchant, body).json().get("waybill").asText(), phone);
    assertThat(event(destDesk, p, Map.of("type", "AT_PICKUP_POINT")).status()).isEqualTo(409);
    assertThat(event(originDesk, p, Map.of("type", "PICKED_UP")).status()).isEqualTo(201);
    assertThat(event(destDesk, p, Map.of("type", "ARRIVED")).status()).isEqualTo(201);
    assertThat(event(originDesk, p, Map.of("type", "AT_PICKUP_POINT")).status()).isEqualTo(403);
    assertThat(event(courier, p, Map.of("type", "AT_PICKUP_POINT")).status()).isIn(403, 404);
    TestService.Response notShelved = handover(destDesk, p, "123456", "2222");
    assertThat(notShelved.status()).isEqualTo(409);
  }

  @Test
  void aFailedDelivery_isHeldAtTheStation() {
    Parcel p = created(false);
    assertThat(event(destDesk, p, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)).status()).isEqualTo(201);
    assertThat(event(courier, p, Map.of("type", "DELIVERY_FAILED", "reason", "ABSENT")).status()).isEqualTo(201);
    String code = shelve(p);
    assertThat(handover(destDesk, p, code, p.last4()).status()).isEqualTo(201);
  }

  @Test
  void malformedInput_is400_namingTheField_notItsValue() {
    Parcel p = shelved();
    TestService.Response r = svc.post("/v1/shipments/" + p.waybill() + "/handover", destDesk,
        Map.of("code", "12a456", "phoneLast4", "98765"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body()).contains("code").contains("phoneLast4").doesNotContain("12a456").doesNotContain("98765");
    assertThat(svc.post("/v1/shipments/" + p.waybill() + "/handover", destDesk, Map.of()).status()).isEqualTo(400);
  }

  @Test
  void aDeliveryPin_isSentOnGoingOut_andNeededToDeliver() {
    Parcel p = created(true);
    assertThat(event(destDesk, p, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)).status()).isEqualTo(201);
    String pin = code(p);
    TestService.Response none = event(courier, p, Map.of("type", "DELIVERED", "codCollected", true));
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body()).contains("pin");
    TestService.Response wrong = event(courier, p, Map.of("type", "DELIVERED", "codCollected", true,
        "pin", otherCode(pin)));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.body()).doesNotContain(pin);
    assertThat(state(p)).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(event(courier, p, Map.of("type", "DELIVERED", "codCollected", true,
        "pin", pin)).status()).isEqualTo(201);
    assertThat(state(p)).isEqualTo("DELIVERED");
  }

  @Test
  void wrongPins_areBounded() {
    Parcel p = created(true);
    assertThat(event(destDesk, p, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)).status()).isEqualTo(201);
    String pin = code(p);
    for (int i = 0; i < 5; i++) {
      assertThat(event(courier, p, Map.of("type", "DELIVERED", "codCollected", true,
          "pin", otherCode(pin))).status()).isEqualTo(422);
    }
    assertThat(event(courier, p, Map.of("type", "DELIVERED", "codCollected", true,
        "pin", pin)).status()).isEqualTo(429);
    assertThat(event(courier, p, Map.of("type", "DELIVERY_FAILED", "reason", "ABSENT")).status()).isEqualTo(201);
    assertThat(event(destDesk, p, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)).status()).isEqualTo(201);
    assertThat(event(courier, p, Map.of("type", "DELIVERED", "codCollected", true,
        "pin", code(p))).status()).isEqualTo(201);
  }

  @Test
  void aParcelWithoutPin_isDeliveredWithoutOne() {
    Parcel p = created(false);
    assertThat(event(destDesk, p, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)).status()).isEqualTo(201);
    assertThat(event(courier, p, Map.of("type", "DELIVERED", "codCollected", true)).status()).isEqualTo(201);
  }

  /**
   * After a redirect the new station holds the parcel: the old destination (which still sees it, having scanned it)
   * may not hand it over, nor burn the recipient's new code on a handover the lifecycle then refuses.
   */
  @Test
  void aRedirectedParcel_isHandedOverByItsNewStation_notByTheOldDestination() {
    String support = svc.principal("support", "Agent", null).token();
    Parcel p = created(false);
    String oldCode = shelve(p);
    assertThat(event(support, p, Map.of("type", "REDIRECTED", "ticket", "T-21", "stationCode", "HZ-GS01")).status())
        .isEqualTo(201);
    assertThat(handover(destDesk, p, oldCode, p.last4()).status()).isIn(403, 409);
    TestService.Response arrived = event(foreignDesk, p, Map.of("type", "ARRIVED"));
    assertThat(arrived.status()).as(arrived.body()).isEqualTo(201);
    TestService.Response shelved = event(foreignDesk, p, Map.of("type", "AT_PICKUP_POINT"));
    assertThat(shelved.status()).as(shelved.body()).isEqualTo(201);
    String code = code(p);
    TestService.Response byOld = handover(destDesk, p, code, p.last4());
    assertThat(byOld.status()).as(byOld.body()).isEqualTo(403);
    assertThat(handover(destDesk, p, oldCode, p.last4()).status()).isEqualTo(403);
    TestService.Response byNew = handover(foreignDesk, p, code, p.last4());
    assertThat(byNew.status()).as(byNew.body()).isEqualTo(201);
    assertThat(byNew.json().get("stationCode").asText()).isEqualTo("HZ-GS01");
    assertThat(state(p)).isEqualTo("DELIVERED");
  }
}
