package org.parcelveil.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.CapturedLogs;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.waybill.WaybillCodec;

/** {@code GET /v1/track/{waybill}}: city-level events naming their station or hub, the phone-digit check, and one 404 for every unknown. */
class TrackingApiTest {
  static TestService svc;
  static Parcels parcels;

  @BeforeAll
  static void start() {
    svc = Parcels.serviceWithGenerousTracking();
    parcels = new Parcels(svc);
  }

  @AfterAll
  static void stop() {
    svc.close();
  }

  @Test
  void knownNumber_showsStateAndCityLevelEvents_only() {
    String wb = parcels.create("T-1");
    parcels.toDestination(wb, 1180);
    TestService.Response r = svc.get("/v1/track/" + wb, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    JsonNode j = r.json();
    assertThat(j.get("waybill").asText()).isEqualTo(wb);
    assertThat(j.get("status").asText()).isEqualTo("IN_TRANSIT");
    assertThat(j.get("verified").asBoolean()).isFalse();
    assertThat(j.has("recipient")).isFalse();
    assertThat(j.has("cod")).isFalse();
    assertThat(j.get("events")).extracting(e -> e.get("type").asText())
        .containsExactly("PICKED_UP", "ARRIVED", "DEPARTED", "ARRIVED");
    assertThat(j.get("events")).allSatisfy(e -> {
      assertThat(e.get("city").asText()).isEqualTo("杭州市");
      assertThat(e.get("at").asText()).endsWith("Z");
      // reason is a failed attempt's (null here): what happened to the parcel, never who the person was.
      assertThat(fieldNames(e)).containsExactlyInAnyOrder("type", "at", "city", "place", "placeKind", "reason");
      assertThat(e.get("reason").isNull()).isTrue();
    });
    // The hub and the station of one city are told apart by their public names.
    assertThat(j.get("events")).extracting(e -> e.get("place").asText() + "/" + e.get("placeKind").asText())
        .containsExactly("Binjiang station/STATION", "Hangzhou hub/HUB", "Hangzhou hub/HUB", "Xihu station/STATION");
    assertThat(r.body()).doesNotContain("HZ-BJ01", "HZH", "HZ-XH01", "西湖区", "滨江区");
  }

  @Test
  void rightPhoneDigits_verify_andShowMaskedRecipientAndCod() {
    String wb = parcels.create("T-2");
    JsonNode j = svc.get("/v1/track/" + wb + "?phoneLast4=4321", null).json();
    assertThat(j.get("verified").asBoolean()).isTrue();
    assertThat(j.at("/recipient/name").asText()).isEqualTo("Z**");
    assertThat(j.at("/recipient/phone").asText()).isEqualTo("*******4321");
    assertThat(j.at("/recipient/area").asText()).isEqualTo("浙江省 杭州市 西湖区");
    assertThat(j.at("/cod/amountCents").asLong()).isEqualTo(12850);
    assertThat(j.at("/cod/currency").asText()).isEqualTo("CNY");
    for (String marker : Fixtures.MARKERS) {
      assertThat(j.toString()).doesNotContain(marker);
    }
  }

  @Test
  void noCod_isNullOnceVerified() {
    String wb = parcels.createWithoutCod("T-3");
    JsonNode j = svc.get("/v1/track/" + wb + "?phoneLast4=4321", null).json();
    assertThat(j.get("verified").asBoolean()).isTrue();
    assertThat(j.has("cod")).isTrue();
    assertThat(j.get("cod").isNull()).isTrue();
  }

  @Test
  void wrongPhoneDigits_showNothingMore() {
    String wb = parcels.create("T-4");
    JsonNode j = svc.get("/v1/track/" + wb + "?phoneLast4=1234", null).json();
    assertThat(j.get("verified").asBoolean()).isFalse();
    assertThat(j.has("recipient")).isFalse();
    assertThat(j.has("cod")).isFalse();
  }

  @Test
  void malformedPhoneDigits_are400_withoutEchoingThem() {
    String wb = parcels.create("T-5");
    for (String bad : List.of("43210", "432", "abcd", "%EF%BC%94321", "43%2021")) {
      TestService.Response r = svc.get("/v1/track/" + wb + "?phoneLast4=" + bad, null);
      assertThat(r.status()).as(bad).isEqualTo(400);
      assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("phoneLast4");
      assertThat(r.body()).doesNotContain("4321");
    }
  }

  @Test
  void typedNumbers_withSpacesOrLowerCase_areFound() {
    String wb = parcels.create("T-6");
    String grouped = wb.substring(0, 4) + "%20" + wb.substring(4, 8) + "-" + wb.substring(8).toLowerCase();
    assertThat(svc.get("/v1/track/" + grouped, null).json().get("waybill").asText()).isEqualTo(wb);
  }

  @Test
  void unknownNeverIssuedForgedAndMalformed_allGetTheSame404() {
    String wb = parcels.create("T-7");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String neverIssued = new WaybillCodec("PV", key).encode(12345);
    String wrongCheck = wb.substring(0, wb.length() - 1) + (wb.endsWith("0") ? "1" : "0");
    String otherPrefix = "QX" + wb.substring(2);
    List<String> bodies = new ArrayList<>();
    for (String n : List.of(neverIssued, wrongCheck, otherPrefix, "PV123", "hello", "%27%20OR%201=1--",
        "9".repeat(300), "%F0%9F%92%A3")) {
      TestService.Response r = svc.get("/v1/track/" + n, null);
      assertThat(r.status()).as(n).isEqualTo(404);
      assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
      bodies.add(r.body());
      assertThat(svc.get("/v1/track/" + n + "?phoneLast4=4321", null).body()).isEqualTo(r.body());
    }
    assertThat(bodies).allMatch(b -> b.equals(bodies.get(0)));
    assertThat(bodies.get(0)).doesNotContain("PV");
  }

  @Test
  void afterShredding_theDigitsCanNoLongerBeChecked() {
    try (TestService own = TestService.start()) {
      Parcels p = new Parcels(own);
      String wb = p.create("T-8");
      own.clock.advance(Duration.ofDays(400));
      own.pv.shredder().run(own.clock.instant());
      JsonNode j = own.get("/v1/track/" + wb + "?phoneLast4=4321", null).json();
      assertThat(j.get("verified").asBoolean()).isFalse();
      assertThat(j.has("recipient")).isFalse();
      assertThat(j.get("status").asText()).isEqualTo("CREATED");
    }
  }

  @Test
  void phoneDigitsAndNumbers_neverReachTheLogs() {
    String wb = parcels.create("T-9");
    try (CapturedLogs logs = new CapturedLogs()) {
      svc.get("/v1/track/" + wb + "?phoneLast4=4321", null);
      svc.get("/v1/track/" + wb + "?phoneLast4=9876", null);
      svc.get("/v1/track/" + wb + "?phoneLast4=98x6", null);
      assertThat(String.join("\n", logs.lines())).doesNotContain("4321", "9876", "98x6", wb);
    }
  }

  @Test
  void manyWrongGuessesOnOneWaybill_lockItsPhoneCheckForTheDay() {
    try (TestService own = TestService.start("postgres", s -> s.withTracking(s.tracking()
        .withMisses(Budget.perHour(1_000)).withWrongGuessesPerWaybill(3)))) {
      Parcels p = new Parcels(own);
      String wb = p.create("T-10");
      for (String guess : List.of("0000", "0001", "0002")) {
        assertThat(own.get("/v1/track/" + wb + "?phoneLast4=" + guess, null).json().get("verified").asBoolean())
            .isFalse();
      }
      assertThat(own.get("/v1/track/" + wb + "?phoneLast4=4321", null).json().get("verified").asBoolean())
          .as("locked after three wrong guesses").isFalse();
      String other = p.create("T-11");
      assertThat(own.get("/v1/track/" + other + "?phoneLast4=4321", null).json().get("verified").asBoolean())
          .isTrue();
    }
  }

  static List<String> fieldNames(JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
