package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * The last mile's exceptions through the API: a merchant's drop-off at the origin station, failed attempts with their
 * reason and the ways back, and the courier's word that the cash on delivery was collected. Every refusal says what
 * to do instead and writes nothing.
 */
class ExceptionFlowTest {
  private static TestService svc;
  private static String merchant;
  private static String otherMerchant;
  private static String originDesk;
  private static String hubDesk;
  private static String destDesk;
  private static String courier;
  private static String courierId;
  private static String support;

  @BeforeAll
  static void start() {
    svc = TestService.start("postgres");
    Fixtures.network(svc);
    merchant = svc.principal("merchant", "Shop", null).token();
    otherMerchant = svc.principal("merchant", "Other shop", null).token();
    originDesk = svc.principal("station", "Binjiang desk", "HZ-BJ01").token();
    hubDesk = svc.principal("station", "Hub desk", "HZH").token();
    destDesk = svc.principal("station", "Xihu desk", "HZ-XH01").token();
    var c = svc.principal("courier", "Courier", "HZ-XH01");
    courier = c.token();
    courierId = c.principal().id();
    support = svc.principal("support", "Agent", null).token();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  private static TestService.Response event(String token, String waybill, Map<String, Object> body) {
    return svc.post("/v1/shipments/" + waybill + "/events", token, body);
  }

  private static String created(String reference, boolean cod) {
    Map<String, Object> body = new HashMap<>(Fixtures.shipment(reference));
    if (!cod) {
      body.remove("cod");
    }
    return svc.post("/v1/shipments", merchant, body).json().get("waybill").asText();
  }

  /** Dropped off at Binjiang and out with the Xihu courier. */
  private static String outForDelivery(String reference, boolean cod) {
    String wb = created(reference, cod);
    assertThat(event(originDesk, wb, Map.of("type", "DROPPED_OFF")).status()).isEqualTo(201);
    assertThat(event(destDesk, wb, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)).status())
        .isEqualTo(201);
    return wb;
  }

  private static JsonNode view(String waybill) {
    return svc.get("/v1/shipments/" + waybill, merchant).json();
  }

  @Test
  void dropOff_isTheOriginStationsFirstScan_andEndsCancellation() {
    String wb = created("DO-1", true);
    TestService.Response recorded = event(originDesk, wb, Map.of("type", "DROPPED_OFF", "weightGrams", 1190));
    assertThat(recorded.status()).as(recorded.body()).isEqualTo(201);
    assertThat(recorded.json().get("state").asText()).isEqualTo("DROPPED_OFF");
    assertThat(view(wb).get("status").asText()).isEqualTo("DROPPED_OFF");

    TestService.Response cancel = svc.post("/v1/shipments/" + wb + "/cancel", merchant, Map.of());
    assertThat(cancel.status()).isEqualTo(409);
    assertThat(cancel.json().get("detail").asText()).contains("ask support");
    assertThat(event(originDesk, wb, Map.of("type", "PICKED_UP")).status()).isEqualTo(409);

    // Everything that follows a pick-up follows a drop-off.
    assertThat(event(hubDesk, wb, Map.of("type", "ARRIVED")).status()).isEqualTo(201);
    assertThat(event(hubDesk, wb, Map.of("type", "DEPARTED")).status()).isEqualTo(201);
    assertThat(view(wb).get("events")).extracting(e -> e.get("type").asText())
        .containsExactly("DROPPED_OFF", "ARRIVED", "DEPARTED");
  }

  @Test
  void dropOff_onlyAtTheOriginStation_byStationStaff() {
    String wb = created("DO-2", true);
    TestService.Response atDestination = event(destDesk, wb, Map.of("type", "DROPPED_OFF"));
    assertThat(atDestination.status()).isEqualTo(403);
    assertThat(atDestination.json().get("detail").asText()).contains("origin station");
    assertThat(event(hubDesk, wb, Map.of("type", "DROPPED_OFF")).status()).isEqualTo(403);
    assertThat(event(support, wb, Map.of("type", "DROPPED_OFF", "ticket", "T-100")).status()).isEqualTo(403);
    assertThat(view(wb).get("status").asText()).isEqualTo("CREATED");
    assertThat(view(wb).get("events")).isEmpty();
  }

  @Test
  void arrivedOnACreatedParcel_isA409ThatNamesDropOffAndPickUp() {
    String wb = created("DO-3", true);
    TestService.Response r = event(originDesk, wb, Map.of("type", "ARRIVED"));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.json().get("detail").asText()).contains("ARRIVED cannot follow CREATED", "DROPPED_OFF", "PICKED_UP");
    assertThat(r.json().get("nextStep").asText()).isEqualTo("DROP_OFF_OR_PICK_UP");
    assertThat(r.json().get("state").asText()).isEqualTo("CREATED");
  }

  @Test
  void failedWithoutAReasonOrWithAnother_is400_andWritesNothing() {
    String wb = outForDelivery("DF-1", true);
    TestService.Response none = event(courier, wb, Map.of("type", "DELIVERY_FAILED"));
    assertThat(none.status()).isEqualTo(400);
    assertThat(none.body()).contains("reason", "ABSENT", "MISROUTED");
    TestService.Response other = event(courier, wb, Map.of("type", "DELIVERY_FAILED", "reason", "LOST_INTEREST"));
    assertThat(other.status()).isEqualTo(400);
    assertThat(other.body()).doesNotContain("LOST_INTEREST");
    assertThat(event(destDesk, wb, Map.of("type", "DEPARTED", "reason", "ABSENT")).status()).isEqualTo(400);
    assertThat(view(wb).get("status").asText()).isEqualTo("OUT_FOR_DELIVERY");
    assertThat(view(wb).get("events")).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(FailureReason.class)
  void everyReason_isStoredWithTheEvent_andShownToTheMerchant(FailureReason reason) {
    String wb = outForDelivery("DF-" + reason, true);
    TestService.Response r = event(courier, wb, Map.of("type", "DELIVERY_FAILED", "reason", reason.name()));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.json().at("/event/reason").asText()).isEqualTo(reason.name());
    JsonNode last = view(wb).get("events").get(2);
    assertThat(last.get("type").asText()).isEqualTo("DELIVERY_FAILED");
    assertThat(last.get("reason").asText()).isEqualTo(reason.name());
  }

  @Test
  void afterAFailedAttempt_deliveredSaysToSendItOutAgainOrReturnIt() {
    String wb = outForDelivery("DF-2", true);
    assertThat(event(courier, wb, Map.of("type", "DELIVERY_FAILED", "reason", "ABSENT")).status()).isEqualTo(201);
    TestService.Response late = event(courier, wb, Map.of("type", "DELIVERED", "codCollected", true));
    assertThat(late.status()).isEqualTo(409);
    assertThat(late.json().get("detail").asText()).contains("OUT_FOR_DELIVERY", "RETURNED");
    assertThat(late.json().get("nextStep").asText()).isEqualTo("RETRY_OR_RETURN");

    // The next day: out again, and delivered.
    assertThat(event(destDesk, wb, Map.of("type", "OUT_FOR_DELIVERY", "courierId", courierId)).status())
        .isEqualTo(201);
    assertThat(event(courier, wb, Map.of("type", "DELIVERED", "codCollected", true)).status()).isEqualTo(201);
    assertThat(view(wb).get("status").asText()).isEqualTo("DELIVERED");
  }

  @Test
  void publicTracking_saysTheReasonInWords_andTheDropOff() {
    String wb = outForDelivery("DF-7", true);
    assertThat(event(courier, wb, Map.of("type", "DELIVERY_FAILED", "reason", "REFUSED")).status()).isEqualTo(201);
    JsonNode tracked = svc.get("/v1/track/" + wb, null).json();
    assertThat(tracked.get("events")).extracting(e -> e.get("type").asText())
        .containsExactly("DROPPED_OFF", "OUT_FOR_DELIVERY", "DELIVERY_FAILED");
    assertThat(tracked.get("events").get(2).get("reason").asText()).isEqualTo("REFUSED");
    String page = svc.get("/track?waybill=" + wb, null).body();
    assertThat(page).contains("派送未成功 杭州市 Xihu station（网点）（收件人拒收）",
        "Delivery attempt failed 杭州市 Xihu station (station) (refused)",
        "商家已在网点交寄 杭州市").doesNotContain(Fixtures.MARK_NAME);
  }

  @Test
  void aRefusedParcel_isReturnedByTheDestinationStation() {
    String wb = outForDelivery("DF-3", true);
    assertThat(event(courier, wb, Map.of("type", "DELIVERY_FAILED", "reason", "REFUSED")).status()).isEqualTo(201);
    assertThat(event(destDesk, wb, Map.of("type", "RETURNED")).status()).isEqualTo(201);
    assertThat(view(wb).get("status").asText()).isEqualTo("RETURNED");
  }

  @Test
  void onlyAMisroutedParcel_isSentOnAfterAFailedAttempt() {
    String absent = outForDelivery("DF-4", true);
    assertThat(event(courier, absent, Map.of("type", "DELIVERY_FAILED", "reason", "ABSENT")).status())
        .isEqualTo(201);
    TestService.Response refused = event(destDesk, absent, Map.of("type", "DEPARTED"));
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().get("nextStep").asText()).isEqualTo("SENT_ON_ONLY_IF_MISROUTED");
    assertThat(view(absent).get("status").asText()).isEqualTo("DELIVERY_FAILED");

    String misrouted = outForDelivery("DF-5", true);
    assertThat(event(courier, misrouted, Map.of("type", "DELIVERY_FAILED", "reason", "MISROUTED")).status())
        .isEqualTo(201);
    assertThat(event(destDesk, misrouted, Map.of("type", "DEPARTED")).status()).isEqualTo(201);
    assertThat(event(hubDesk, misrouted, Map.of("type", "ARRIVED")).status()).isEqualTo(201);
    assertThat(view(misrouted).get("status").asText()).isEqualTo("IN_TRANSIT");
  }

  @Test
  void aCourierDeliversCashOnDelivery_onlyConfirmingTheCashWasCollected() {
    String wb = outForDelivery("COD-1", true);
    TestService.Response without = event(courier, wb, Map.of("type", "DELIVERED"));
    assertThat(without.status()).isEqualTo(400);
    assertThat(without.body()).contains("codCollected", "collected");
    assertThat(event(courier, wb, Map.of("type", "DELIVERED", "codCollected", false)).status()).isEqualTo(400);
    assertThat(view(wb).get("status").asText()).isEqualTo("OUT_FOR_DELIVERY");

    TestService.Response done = event(courier, wb, Map.of("type", "DELIVERED", "codCollected", true));
    assertThat(done.status()).as(done.body()).isEqualTo(201);
    JsonNode last = view(wb).get("events").get(2);
    assertThat(last.get("codCollected").asBoolean()).isTrue();
  }

  @Test
  void withoutCashOnDelivery_noConfirmationIsAskedOrTaken() {
    String wb = outForDelivery("COD-2", false);
    assertThat(event(courier, wb, Map.of("type", "DELIVERED", "codCollected", true)).status()).isEqualTo(400);
    assertThat(event(courier, wb, Map.of("type", "DELIVERED")).status()).isEqualTo(201);
    assertThat(view(wb).get("events").get(2).get("codCollected").isNull()).isTrue();
  }

  @Test
  void anotherMerchant_seesNoneOfTheReasons() {
    String wb = outForDelivery("DF-6", true);
    assertThat(event(courier, wb, Map.of("type", "DELIVERY_FAILED", "reason", "ADDRESS_WRONG")).status())
        .isEqualTo(201);
    TestService.Response foreign = svc.get("/v1/shipments/" + wb, otherMerchant);
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(foreign.body()).doesNotContain("ADDRESS_WRONG");
  }
}
