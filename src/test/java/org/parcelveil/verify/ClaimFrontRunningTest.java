package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * Claim front-running: a platform that knows a number and the areas on its label claims it before the genuine order
 * does. A claim on areas alone is provisional; the order whose recipient's phone matches takes the number from it.
 */
class ClaimFrontRunningTest {
  static TestService svc;
  static Parcels parcels;
  static String genuine;
  static String rival;

  @BeforeAll
  static void start() {
    svc = TestService.start("postgres");
    parcels = new Parcels(svc);
    genuine = svc.principal("platform", "Genuine market", null).token();
    rival = svc.principal("platform", "Rival market", null).token();
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  private static JsonNode verify(String token, Map<String, Object> order) {
    TestService.Response r = svc.post("/v1/verifications", token, order);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static Map<String, Object> areasOnly(String wb, String orderId, Instant at) {
    Map<String, Object> o = VerificationApiTest.order(wb, orderId, at);
    o.remove("recipientPhone");
    o.put("destination", Map.of("province", "浙江省", "city", "杭州市"));
    return o;
  }

  private static String parcel(String ref) {
    String wb = parcels.create(ref);
    parcels.toDestination(wb, 900);
    return wb;
  }

  @Test
  void aClaimOnAreasAlone_yieldsToTheOrderWhosePhoneMatches() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = parcel("F-1");
    JsonNode first = verify(rival, areasOnly(wb, "FAKE-1", ordered));
    assertThat(VerificationApiTest.outcome(first, "claim")).isEqualTo("PASS");

    JsonNode real = verify(genuine, VerificationApiTest.order(wb, "REAL-1", ordered));
    assertThat(real.get("verdict").asText()).as(real.toString()).isEqualTo("MATCH");
    assertThat(VerificationApiTest.outcome(real, "claim")).isEqualTo("PASS");

    assertThat(VerificationApiTest.outcome(verify(rival, areasOnly(wb, "FAKE-1", ordered)), "claim"))
        .as("the provisional claim is gone").isEqualTo("FAIL");
    assertThat(VerificationApiTest.outcome(verify(genuine, VerificationApiTest.order(wb, "REAL-1", ordered)),
        "claim")).isEqualTo("PASS");
  }

  @Test
  void aWrongPhone_doesNotTakeAProvisionalClaim_andAPhoneClaimYieldsToNobody() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = parcel("F-2");
    verify(rival, areasOnly(wb, "FAKE-2", ordered));
    Map<String, Object> wrong = VerificationApiTest.order(wb, "OTHER-2", ordered);
    wrong.put("recipientPhone", "13911114321");
    JsonNode v = verify(genuine, wrong);
    assertThat(VerificationApiTest.outcome(v, "destination")).isEqualTo("FAIL");
    assertThat(VerificationApiTest.outcome(v, "claim")).isEqualTo("FAIL");

    JsonNode real = verify(genuine, VerificationApiTest.order(wb, "REAL-2", ordered));
    assertThat(VerificationApiTest.outcome(real, "claim")).isEqualTo("PASS");
    JsonNode late = verify(rival, VerificationApiTest.order(wb, "FAKE-3", ordered));
    assertThat(VerificationApiTest.outcome(late, "claim")).as("equal evidence: the first holds").isEqualTo("FAIL");
    assertThat(VerificationApiTest.outcome(late, "destination")).isEqualTo("SKIP");
  }

  @Test
  void slotsBurntAfterAnAreaClaim_leaveTheGenuineOrderSuspicious_notRefused() {
    Instant ordered = svc.clock.instant().minusSeconds(60);
    String wb = parcel("F-3");
    verify(rival, areasOnly(wb, "FAKE-4", ordered));
    for (int i = 0; i < VerificationSettings.DEFAULTS.phonesPerParcel(); i++) {
      Map<String, Object> burn = VerificationApiTest.order(wb, "BURN-" + i, ordered);
      burn.put("recipientPhone", "1391111" + (1000 + i));
      verify(rival, burn);
    }
    JsonNode real = verify(genuine, VerificationApiTest.order(wb, "REAL-3", ordered));
    assertThat(VerificationApiTest.outcome(real, "destination")).isEqualTo("SKIP");
    assertThat(VerificationApiTest.outcome(real, "claim")).isEqualTo("WARN");
    assertThat(real.get("verdict").asText()).isEqualTo("SUSPICIOUS");
    assertThat(real.toString()).doesNotContain(Fixtures.MARK_PHONE_DIGITS);
  }
}
