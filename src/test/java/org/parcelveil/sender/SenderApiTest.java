package org.parcelveil.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * {@code /v1/senders} through the real service: a merchant's address book and default sender, shipments that name a
 * saved sender or none, and the scoping between merchants (another merchant's sender is a 404, or a 400 naming
 * {@code senderId} when a shipment names it, the same as an id that never existed).
 */
class SenderApiTest {

  static Map<String, Object> sender(String district, boolean asDefault) {
    Map<String, Object> s = new HashMap<>(Fixtures.party("Qxsender Shop", "13800001111", district));
    s.put("isDefault", asDefault);
    return s;
  }

  static Map<String, Object> withoutSender(String reference) {
    Map<String, Object> s = new HashMap<>(Fixtures.shipment(reference));
    s.remove("sender");
    return s;
  }

  @Test
  void addressBook_defaultAndSenderId_areTheMerchantsOwn() {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String a = svc.principal("merchant", "Shop A", null).token();
      String b = svc.principal("merchant", "Shop B", null).token();

      TestService.Response empty = svc.get("/v1/senders", a);
      assertThat(empty.status()).isEqualTo(200);
      assertThat(empty.json().get("items")).isEmpty();
      assertThat(empty.json().get("nextCursor").isNull()).isTrue();

      // Neither a sender nor a default: a 400 that says how to give one.
      TestService.Response none = svc.post("/v1/shipments", a, withoutSender("S-0"));
      assertThat(none.status()).isEqualTo(400);
      assertThat(none.body()).contains("\"sender\"", "senderId", "default sender");

      TestService.Response home = svc.post("/v1/senders", a, sender("滨江区", true));
      assertThat(home.status()).as(home.body()).isEqualTo(201);
      String homeId = home.json().get("id").asText();
      assertThat(homeId).startsWith("snd_");
      assertThat(home.header("Location")).isEqualTo("/v1/senders/" + homeId);
      assertThat(home.json().get("isDefault").asBoolean()).isTrue();
      assertThat(home.json().get("masked").get("phone").asText()).isEqualTo("*******1111");
      assertThat(home.body()).doesNotContain("Qxsender", Fixtures.MARK_STREET, Fixtures.MARK_DETAIL);
      String depotId = svc.post("/v1/senders", a, sender("余杭区", false)).json().get("id").asText();

      JsonNode list = svc.get("/v1/senders", a).json();
      assertThat(list.get("items")).hasSize(2);
      assertThat(list.get("items").get(0).get("id").asText()).isEqualTo(homeId);

      // Shop B sees none of A's, and A's ids are B's 404s and 400s.
      assertThat(svc.get("/v1/senders", b).json().get("items")).isEmpty();
      assertThat(svc.delete("/v1/senders/" + homeId, b).status()).isEqualTo(404);
      assertThat(svc.post("/v1/senders/" + depotId + "/default", b, Map.of()).status()).isEqualTo(404);
      assertThat(svc.post("/v1/senders/snd_made-up-but-well-formed00/default", b, Map.of()).status()).isEqualTo(404);
      Map<String, Object> stolen = withoutSender("B-1");
      stolen.put("senderId", homeId);
      TestService.Response refused = svc.post("/v1/shipments", b, stolen);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("senderId", "is not one of your saved senders");
      assertThat(svc.post("/v1/shipments", b, withoutSender("B-2")).status()).isEqualTo(400);

      // No sender: the default. A saved sender by id. Both at once: refused.
      TestService.Response byDefault = svc.post("/v1/shipments", a, withoutSender("S-1"));
      assertThat(byDefault.status()).as(byDefault.body()).isEqualTo(201);
      assertThat(origin(svc, a, byDefault)).isEqualTo("滨江区");
      Map<String, Object> named = withoutSender("S-2");
      named.put("senderId", depotId);
      TestService.Response byId = svc.post("/v1/shipments", a, named);
      assertThat(byId.status()).as(byId.body()).isEqualTo(201);
      assertThat(origin(svc, a, byId)).isEqualTo("余杭区");
      Map<String, Object> both = new HashMap<>(Fixtures.shipment("S-3"));
      both.put("senderId", depotId);
      TestService.Response mixed = svc.post("/v1/shipments", a, both);
      assertThat(mixed.status()).isEqualTo(400);
      assertThat(mixed.body()).contains("give sender or senderId, not both");

      // A batch: the default for items without a sender; an unknown id fails only its item.
      Map<String, Object> unknown = withoutSender("S-5");
      unknown.put("senderId", "snd_AAAAAAAAAAAAAAAAAAAAAA");
      JsonNode batch = svc.post("/v1/shipments/batch", a, Map.of("shipments", List.of(withoutSender("S-4"), unknown)))
          .json().get("results");
      assertThat(batch.get(0).get("waybill").asText()).isNotEmpty();
      assertThat(batch.get(1).get("error").toString()).contains("senderId");

      // Another default; deleting it leaves no default.
      TestService.Response moved = svc.post("/v1/senders/" + depotId + "/default", a, Map.of());
      assertThat(moved.status()).isEqualTo(200);
      assertThat(moved.json().get("isDefault").asBoolean()).isTrue();
      JsonNode after = svc.get("/v1/senders", a).json().get("items");
      assertThat(after.get(0).get("id").asText()).isEqualTo(depotId);
      assertThat(after.get(1).get("isDefault").asBoolean()).isFalse();
      assertThat(origin(svc, a, svc.post("/v1/shipments", a, withoutSender("S-6")))).isEqualTo("余杭区");
      assertThat(svc.delete("/v1/senders/" + depotId, a).status()).isEqualTo(204);
      assertThat(svc.delete("/v1/senders/" + depotId, a).status()).isEqualTo(404);
      assertThat(svc.post("/v1/shipments", a, withoutSender("S-7")).status()).isEqualTo(400);

      // Bad input names the field, never the value; other roles may not use the book.
      Map<String, Object> bad = sender("滨江区", false);
      bad.put("phone", "1" + Fixtures.MARK_PHONE);
      TestService.Response badPhone = svc.post("/v1/senders", a, bad);
      assertThat(badPhone.status()).isEqualTo(400);
      assertThat(badPhone.body()).contains("sender.phone").doesNotContain(Fixtures.MARK_PHONE_DIGITS);
      String station = svc.principal("station", "Desk", "HZ-XH01").token();
      assertThat(svc.get("/v1/senders", station).status()).isEqualTo(403);

      // The contract describes every operation with its id and its 4XX problems.
      JsonNode paths = svc.get("/openapi.json", null).json().get("paths");
      assertThat(paths.get("/v1/senders").get("get").get("operationId").asText()).isEqualTo("listSenders");
      assertThat(paths.get("/v1/senders").get("post").get("responses").has("400")).isTrue();
      assertThat(paths.get("/v1/senders/{id}").get("delete").get("responses").has("404")).isTrue();
      assertThat(paths.get("/v1/senders/{id}/default").get("post").get("operationId").asText())
          .isEqualTo("setDefaultSender");
    }
  }

  @Test
  void addressBook_isBounded() {
    try (TestService svc = TestService.start()) {
      String a = svc.principal("merchant", "Shop A", null).token();
      for (int i = 0; i < Senders.MAX_PER_MERCHANT; i++) {
        assertThat(svc.post("/v1/senders", a, sender("滨江区", false)).status()).isEqualTo(201);
      }
      TestService.Response full = svc.post("/v1/senders", a, sender("滨江区", false));
      assertThat(full.status()).isEqualTo(400);
      assertThat(full.body()).contains("address book is full");
    }
  }

  @Test
  void savesThatArriveTogether_takeTurns_oneDefaultAndNoneBeyondTheLimit() throws Exception {
    try (TestService svc = TestService.start()) {
      String a = svc.principal("merchant", "Shop A", null).token();
      for (int i = 0; i < Senders.MAX_PER_MERCHANT - 4; i++) {
        assertThat(svc.post("/v1/senders", a, sender("滨江区", false)).status()).isEqualTo(201);
      }
      java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
      List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        answers.add(pool.submit(() -> svc.post("/v1/senders", a, sender("西湖区", true)).status()));
      }
      List<Integer> statuses = new java.util.ArrayList<>();
      for (var f : answers) {
        statuses.add(f.get());
      }
      pool.shutdown();
      // Four fit; the rest hear the book is full. Never a 503 from two defaults colliding.
      assertThat(statuses).filteredOn(st -> st == 201).hasSize(4);
      assertThat(statuses).filteredOn(st -> st == 400).hasSize(4);
      var items = svc.get("/v1/senders", a).json().get("items");
      assertThat(items).hasSize(Senders.MAX_PER_MERCHANT);
      int defaults = 0;
      for (var item : items) {
        defaults += item.get("isDefault").asBoolean() ? 1 : 0;
      }
      assertThat(defaults).isEqualTo(1);
    }
  }

  static String origin(TestService svc, String token, TestService.Response created) {
    return svc.get("/v1/shipments/" + created.json().get("waybill").asText(), token).json().get("origin")
        .get("district").asText();
  }
}
