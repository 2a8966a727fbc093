package org.parcelveil.subject;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.SubjectLogin;
import org.parcelveil.app.TestService;
import org.parcelveil.cli.Main;

/**
 * "Who saw my data": a person sees every logged disclosure or refusal of their own data, with a stable pseudonym of
 * whoever asked and an inclusion proof that verifies offline; no one else sees it, and nothing of others leaks.
 */
class WhoSawMyDataTest {
  static final String PHONE = "13911120001";
  static final String STRANGER = "13911120002";
  static final String SHOP = "13800001111";
  static final String COURIER_NAME = "Qxcourier Wang";

  @Test
  void courierReveals_appearToTheRecipientOnly_underOneStablePseudonym_andProveOffline(@TempDir Path dir)
      throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String origin = svc.principal("station", "Binjiang", "HZ-BJ01").token();
      String desk = svc.principal("station", "Xihu", "HZ-XH01").token();
      var courier = svc.principal("courier", COURIER_NAME, "HZ-XH01");
      var support = svc.principal("support", "Qxagent Li", null);
      String waybill = create(svc, merchant, PHONE);
      String strangers = create(svc, merchant, STRANGER);
      svc.post("/v1/shipments/" + waybill + "/events", origin, Map.of("type", "PICKED_UP"));
      svc.post("/v1/shipments/" + waybill + "/events", desk,
          Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      for (int i = 0; i < 2; i++) {
        assertThat(svc.post("/v1/shipments/" + waybill + "/reveal", courier.token(),
            Map.of("party", "recipient", "purpose", "DELIVERY")).status()).isEqualTo(200);
      }
      // The sender's data, seen by support: the sender's history, never the recipient's.
      assertThat(svc.post("/v1/shipments/" + waybill + "/reveal", support.token(),
          Map.of("party", "sender", "purpose", "SUPPORT", "ticket", "T-77")).status()).isEqualTo(200);
      assertThat(svc.post("/v1/shipments/" + strangers + "/reveal", courier.token(),
          Map.of("party", "recipient", "purpose", "DELIVERY")).status()).isEqualTo(404);

      TestService.Response mine = svc.get("/v1/subjects/disclosures", SubjectLogin.token(svc, PHONE));
      assertThat(mine.status()).as(mine.body()).isEqualTo(200);
      JsonNode entries = mine.json().get("entries");
      List<JsonNode> reveals = reveals(entries);
      assertThat(reveals).hasSize(2);
      for (JsonNode r : reveals) {
        assertThat(r.get("role").asText()).isEqualTo("courier");
        assertThat(r.get("station").asText()).isEqualTo("HZ-XH01");
        assertThat(r.get("purpose").asText()).isEqualTo("DELIVERY");
        assertThat(r.get("outcome").asText()).isEqualTo("allowed");
        assertThat(r.get("party").asText()).isEqualTo("recipient");
        assertThat(r.get("proof").isArray()).isTrue();
      }
      String pseudonym = reveals.get(0).get("principal").asText();
      assertThat(pseudonym).startsWith("pn_").isEqualTo(reveals.get(1).get("principal").asText());
      assertThat(reveals.get(0).get("index").asLong()).as("newest first")
          .isGreaterThan(reveals.get(1).get("index").asLong());
      entries.forEach(e -> assertThat(e.get("party").isNull() || e.get("party").asText().equals("recipient"))
          .as("only the person's own party").isTrue());
      assertThat(mine.body()).doesNotContain(courier.principal().id(), support.principal().id(), "Qxcourier", "Qxagent",
          PHONE, SHOP, STRANGER, "T-77", strangers, Fixtures.MARK_STREET, Fixtures.MARK_NAME);

      // The sender (another person on the same parcel) and a stranger see none of it.
      TestService.Response sender = svc.get("/v1/subjects/disclosures", SubjectLogin.token(svc, SHOP));
      assertThat(reveals(sender.json().get("entries"))).hasSize(1)
          .allSatisfy(e -> assertThat(e.get("role").asText()).isEqualTo("support"));
      assertThat(sender.body()).doesNotContain(pseudonym);
      // The stranger sees only the courier's refused try at their own parcel: same pseudonym, none of the reveals.
      TestService.Response stranger = svc.get("/v1/subjects/disclosures", SubjectLogin.token(svc, STRANGER));
      assertThat(stranger.body()).doesNotContain(waybill, courier.principal().id());
      assertThat(reveals(stranger.json().get("entries"))).singleElement().satisfies(e -> {
        assertThat(e.get("outcome").asText()).isEqualTo("refused");
        assertThat(e.get("principal").asText()).isEqualTo(pseudonym);
        assertThat(e.get("index").asLong()).isNotIn(reveals.get(0).get("index").asLong(),
            reveals.get(1).get("index").asLong());
      });
      assertThat(svc.get("/v1/subjects/disclosures", merchant).status()).as("a principal's token").isEqualTo(401);

      // Tracking with the recipient's digits shows the same list; wrong or no digits show nothing of it.
      String last4 = PHONE.substring(PHONE.length() - 4);
      TestService.Response tracked = svc.get("/v1/track/" + waybill + "?phoneLast4=" + last4, null);
      assertThat(tracked.status()).isEqualTo(200);
      assertThat(reveals(tracked.json().get("disclosures").get("entries"))).hasSize(2)
          .allSatisfy(e -> assertThat(e.get("principal").asText()).isEqualTo(pseudonym));
      assertThat(tracked.body()).doesNotContain(courier.principal().id(), "Qxcourier", support.principal().id());
      for (String query : List.of("?phoneLast4=" + (last4.equals("0000") ? "1111" : "0000"), "")) {
        TestService.Response other = svc.get("/v1/track/" + waybill + query, null);
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.json().has("disclosures")).as(query).isFalse();
        assertThat(other.body()).doesNotContain(pseudonym, "leafHash");
      }
      String page = trackPage(svc, waybill, last4);
      assertThat(page).contains("谁查看过我的信息", "Who saw my data", pseudonym, "HZ-XH01",
          "asked to see your name, phone and address for delivery: allowed")
          .doesNotContain(courier.principal().id(), "Qxcourier");
      assertThat(trackPage(svc, waybill, last4.equals("0000") ? "1111" : "0000"))
          .doesNotContain("Who saw my data", pseudonym);

      // Offline: the history verifies with the published key alone, and an altered entry does not.
      Path keys = dir.resolve("log.vkeys");
      Files.writeString(keys, svc.get("/v1/audit/key?all=true", null).body());
      Path history = dir.resolve("history.json");
      Files.writeString(history, mine.body());
      assertThat(Main.run("audit", "prove", history.toString(), "--key-file", keys.toString())).isZero();
      Path trackedFile = dir.resolve("tracked.json");
      Files.writeString(trackedFile, tracked.body());
      assertThat(Main.run("audit", "prove", trackedFile.toString(), "--key-file", keys.toString())).isZero();

      ObjectNode altered = (ObjectNode) mine.json();
      ObjectNode first = (ObjectNode) altered.get("entries").get(0);
      String leaf = first.get("leafHash").asText();
      first.put("leafHash", (leaf.charAt(0) == '0' ? "1" : "0") + leaf.substring(1));
      Files.writeString(history, altered.toString());
      assertThat(Main.run("audit", "prove", history.toString(), "--key-file", keys.toString())).isEqualTo(1);
      first.put("leafHash", leaf);
      first.put("index", first.get("index").asLong() - 1);
      Files.writeString(history, altered.toString());
      assertThat(Main.run("audit", "prove", history.toString(), "--key-file", keys.toString())).isEqualTo(1);
      first.put("index", first.get("index").asLong() + 1);
      String note = altered.get("checkpoint").asText();
      altered.put("checkpoint", note.replaceFirst("\n[0-9]+\n", "\n999999\n"));
      Files.writeString(history, altered.toString());
      assertThat(Main.run("audit", "prove", history.toString(), "--key-file", keys.toString()))
          .as("a checkpoint the log did not sign").isEqualTo(1);
      altered.put("checkpoint", note);
      Files.writeString(history, altered.toString());
      assertThat(Main.run("audit", "prove", history.toString(), "--key-file", keys.toString())).isZero();
    }
  }

  @Test
  void aRowEditedInTheDatabase_failsItsProofForThePerson(@TempDir Path dir) throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String waybill = create(svc, merchant, PHONE);
      var support = svc.principal("support", "Agent", null);
      assertThat(svc.post("/v1/shipments/" + waybill + "/reveal", support.token(),
          Map.of("party", "recipient", "purpose", "SUPPORT", "ticket", "T-78")).status()).isEqualTo(200);
      svc.pv.audit().publisher().publishNow();
      // An insider turns the allowed support reveal into a refusal behind the log's back.
      try (var c = svc.pv.database().connection()) {
        c.createStatement().executeUpdate("UPDATE audit_entries SET outcome = 'refused', reason = 'not_assigned' "
            + "WHERE action = 'reveal'");
      }
      TestService.Response mine = svc.get("/v1/subjects/disclosures", SubjectLogin.token(svc, PHONE));
      assertThat(reveals(mine.json().get("entries"))).singleElement()
          .satisfies(e -> assertThat(e.get("outcome").asText()).isEqualTo("refused"));
      Path keys = dir.resolve("log.vkeys");
      Files.writeString(keys, svc.get("/v1/audit/key?all=true", null).body());
      Path history = dir.resolve("history.json");
      Files.writeString(history, mine.body());
      assertThat(Main.run("audit", "prove", history.toString(), "--key-file", keys.toString())).isEqualTo(1);
    }
  }

  private static String create(TestService svc, String merchant, String recipientPhone) {
    Map<String, Object> s = new LinkedHashMap<>(Fixtures.shipment("S-" + recipientPhone));
    s.put("recipient", Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉黛", recipientPhone, "西湖区"));
    return svc.post("/v1/shipments", merchant, s).json().get("waybill").asText();
  }

  private static List<JsonNode> reveals(JsonNode entries) {
    List<JsonNode> out = new ArrayList<>();
    entries.forEach(e -> {
      if (e.get("action").asText().equals("reveal")) {
        out.add(e);
      }
    });
    return out;
  }

  private static String trackPage(TestService svc, String waybill, String digits) {
    HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(svc.url("/track")))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("waybill=" + waybill + "&phoneLast4=" + digits));
    TestService.Response r = svc.send(post, null);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
    return r.body();
  }
}
