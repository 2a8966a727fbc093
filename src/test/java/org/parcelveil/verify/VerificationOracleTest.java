package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * Verification as a phone oracle: a platform that never lets a claim happen (wrong origin) and varies the phone
 * learns from {@code destination} whether it guessed the recipient. Per parcel only a few distinct phones are ever
 * compared, counted in the database across platforms and nodes; past that the answer does not depend on the phone.
 */
class VerificationOracleTest {
  private static final int CAP = VerificationSettings.DEFAULTS.phonesPerParcel();

  /** Nine wrong phones and the right one (seventh); all share the label's last four digits. */
  private static List<String> guesses() {
    List<String> phones = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      phones.add(i == 6 ? Fixtures.MARK_PHONE : "139" + String.format("%04d", 1000 + i) + "4321");
    }
    return phones;
  }

  /** An order no check lets claim (the origin is wrong), so the number stays unclaimed while phones are tried. */
  private static Map<String, Object> probe(String wb, String orderId, Instant at, String phone) {
    Map<String, Object> o = VerificationApiTest.order(wb, orderId, at);
    o.put("origin", Fixtures.area("上海市", "上海市", "浦东新区"));
    o.put("recipientPhone", phone);
    return o;
  }

  private static JsonNode check(JsonNode v, String name) {
    for (JsonNode c : v.get("checks")) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no check " + name + " in " + v);
  }

  private static boolean compared(JsonNode v) {
    String outcome = check(v, "destination").get("outcome").asText();
    return outcome.equals("PASS") || outcome.equals("FAIL");
  }

  @Test
  void tenPhonesFromTwoPlatformsOnTwoNodes_atMostTheCapAreCompared_andTheRightOneLooksLikeTheRest() {
    try (TestService a = TestService.start("postgres"); TestService b = a.anotherNode()) {
      Parcels p = new Parcels(a);
      String one = a.principal("platform", "Market A", null).token();
      String two = a.principal("platform", "Market B", null).token();
      Instant ordered = a.clock.instant().minusSeconds(60);
      String wb = p.create("O-1");
      p.toDestination(wb, 900);

      List<String> phones = guesses();
      List<JsonNode> answers = new ArrayList<>();
      for (int i = 0; i < phones.size(); i++) {
        TestService node = i % 2 == 0 ? a : b;
        String token = i % 3 == 0 ? one : two;
        TestService.Response r = node.post("/v1/verifications", token, probe(wb, "P-" + i, ordered, phones.get(i)));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        answers.add(r.json());
      }
      assertThat(answers.stream().filter(VerificationOracleTest::compared).count()).isEqualTo(CAP);
      JsonNode right = answers.get(6);
      for (int i = CAP; i < answers.size(); i++) {
        assertThat(answers.get(i).toString()).as("answer to guess " + i).isEqualTo(right.toString());
      }
      assertThat(check(right, "destination").get("outcome").asText()).isEqualTo("SKIP");
      assertThat(right.toString()).doesNotContain(Fixtures.MARK_PHONE_DIGITS);
    }
  }

  @Test
  void aRepeatedPhone_takesNoNewSlot_butPastTheCapNoPhoneIsCompared() {
    try (TestService svc = TestService.start("postgres")) {
      Parcels p = new Parcels(svc);
      String platform = svc.principal("platform", "Market", null).token();
      Instant ordered = svc.clock.instant().minusSeconds(60);
      String wb = p.create("O-2");
      p.toDestination(wb, 900);
      List<String> phones = guesses();
      for (int i = 0; i < 5; i++) {
        JsonNode v = svc.post("/v1/verifications", platform, probe(wb, "R-" + i, ordered, phones.get(0))).json();
        assertThat(check(v, "destination").get("outcome").asText()).isEqualTo("FAIL");
      }
      for (int i = 1; i < CAP; i++) {
        assertThat(compared(svc.post("/v1/verifications", platform, probe(wb, "S-" + i, ordered, phones.get(i)))
            .json())).as("phone " + i).isTrue();
      }
      JsonNode past = svc.post("/v1/verifications", platform, probe(wb, "T-1", ordered, Fixtures.MARK_PHONE)).json();
      assertThat(compared(past)).isFalse();
      JsonNode again = svc.post("/v1/verifications", platform, probe(wb, "T-2", ordered, phones.get(0))).json();
      assertThat(again.toString()).as("a phone tried before reveals nothing more either").isEqualTo(past.toString());
    }
  }

  @Test
  void racingGuessesOnTwoNodes_neverOvershootTheCap() {
    try (TestService a = TestService.start("postgres"); TestService b = a.anotherNode()) {
      Parcels p = new Parcels(a);
      String platform = a.principal("platform", "Market", null).token();
      Instant ordered = a.clock.instant().minusSeconds(60);
      String wb = p.create("O-3");
      p.toDestination(wb, 900);
      List<String> phones = guesses();
      List<CompletableFuture<JsonNode>> racing = new ArrayList<>();
      for (int i = 0; i < phones.size(); i++) {
        TestService node = i % 2 == 0 ? a : b;
        Map<String, Object> body = probe(wb, "Q-" + i, ordered, phones.get(i));
        racing.add(CompletableFuture.supplyAsync(() -> node.post("/v1/verifications", platform, body).json()));
      }
      assertThat(racing.stream().map(CompletableFuture::join).filter(VerificationOracleTest::compared).count())
          .isEqualTo(CAP);
    }
  }

  @Test
  void shreddingAndErasure_removeThePhonesTried() throws Exception {
    try (TestService svc = TestService.start("postgres")) {
      Parcels p = new Parcels(svc);
      String platform = svc.principal("platform", "Market", null).token();
      Instant ordered = svc.clock.instant().minusSeconds(60);
      String shredded = p.create("O-4");
      String erased = p.create("O-5");
      for (String wb : List.of(shredded, erased)) {
        p.toDestination(wb, 900);
        svc.post("/v1/verifications", platform, probe(wb, "E-" + wb, ordered, Fixtures.MARK_PHONE));
        assertThat(tries(svc, wb)).isEqualTo(1);
      }
      svc.pv.erasures().erase(erased, retentionDay(svc, erased), svc.clock.instant());
      assertThat(tries(svc, erased)).isZero();
      svc.clock.advance(java.time.Duration.ofDays(400));
      svc.pv.shredder().run(svc.clock.instant());
      assertThat(tries(svc, shredded)).isZero();
    }
  }

  private static int tries(TestService svc, String wb) throws Exception {
    try (var c = svc.pv.database().connection();
        var ps = c.prepareStatement("SELECT COUNT(*) FROM verification_phone_tries WHERE waybill = ?")) {
      ps.setString(1, wb);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  private static java.time.LocalDate retentionDay(TestService svc, String wb) throws Exception {
    try (var c = svc.pv.database().connection();
        var ps = c.prepareStatement("SELECT retention_day FROM shipments WHERE waybill = ?")) {
      ps.setString(1, wb);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getObject(1, java.time.LocalDate.class);
      }
    }
  }
}
