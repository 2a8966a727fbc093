package org.parcelveil.eventhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.MarketplaceSealer;
import org.parcelveil.app.TestService;
import org.parcelveil.eventhooks.Receiver.Call;
import org.parcelveil.http.Json;

/**
 * Tracking webhooks end to end on the real service: a merchant's and a platform's subscriptions get their shipments'
 * events from the outbox, signed, with the exact body, after the receiver recovers and across a restart; nobody
 * sees, deletes or follows another's.
 */
class TrackingWebhookTest {

  private static TestService service() {
    return TestService.start(System.getProperty("pv.store", "postgres"),
        s -> s.withWebhooks(s.webhooks().withAllowPrivateTargets(true)));
  }

  private static String subscribe(TestService svc, String token, String url) {
    TestService.Response r = svc.post("/v1/webhooks", token, Map.of("url", url, "events", List.of("shipment.event")));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    return r.body();
  }

  private static String ship(TestService svc, String merchant, String reference) {
    return svc.post("/v1/shipments", merchant, Fixtures.shipment(reference)).json().get("waybill").asText();
  }

  private static void pickUp(TestService svc, String station, String waybill) {
    TestService.Response r = svc.post("/v1/shipments/" + waybill + "/events", station, Map.of("type", "PICKED_UP"));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static String hmac(String secret, String timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aScan_reachesTheMerchantSignedWithTheExactBody_afterTheReceiverFailedTwice() throws Exception {
    try (Receiver receiver = new Receiver(2); TestService svc = service()) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String station = svc.principal("station", "Origin", "HZ-BJ01").token();
      JsonNode created = Json.mapper().readTree(subscribe(svc, merchant, receiver.url()));
      String id = created.get("id").asText();
      String secret = created.get("secret").asText();
      assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
      String waybill = ship(svc, merchant, "WH-1");

      pickUp(svc, station, waybill);
      List<Call> calls = receiver.await(c -> !receiver.accepted().isEmpty(), svc);

      assertThat(calls).extracting(Call::answered).containsExactly(503, 503, 200);
      assertThat(calls).extracting(Call::eventId).as("one event id on every try").containsOnly(calls.get(0).eventId());
      Call ok = calls.get(2);
      assertThat(ok.signature()).isEqualTo(hmac(secret, ok.timestamp(), ok.body()));
      assertThat(Long.parseLong(ok.timestamp())).isCloseTo(svc.clock.instant().getEpochSecond(), org.assertj.core.data.Offset.offset(600L));
      JsonNode body = Json.mapper().readTree(ok.body());
      String at = body.path("event").path("at").asText();
      Instant.parse(at);
      assertThat(ok.body()).isEqualTo("{\"type\":\"shipment.event\",\"waybill\":\"" + waybill
          + "\",\"event\":{\"type\":\"PICKED_UP\",\"at\":\"" + at + "\",\"stationCode\":\"HZ-BJ01\"}}");

      // The delivery log: one call, three tries, their statuses; no body.
      TestService.Response log = svc.get("/v1/webhooks/" + id + "/deliveries", merchant);
      assertThat(log.status()).isEqualTo(200);
      JsonNode item = log.json().get("items").get(0);
      assertThat(log.json().get("items")).hasSize(1);
      assertThat(log.json().get("nextCursor").isNull()).isTrue();
      assertThat(item.get("id").asText()).isEqualTo(ok.eventId());
      assertThat(item.get("status").asText()).isEqualTo("delivered");
      assertThat(item.get("waybill").asText()).isEqualTo(waybill);
      assertThat(item.get("attempts").asInt()).isEqualTo(3);
      List<String> outcomes = new ArrayList<>();
      item.get("tries").forEach(t -> outcomes.add(t.get("outcome").asText()));
      assertThat(outcomes).containsExactly("503", "503", "200");
      assertThat(log.body()).doesNotContain("stationCode");

      // Delivered once: later passes of the relay (which reads a window again) owe nothing more.
      Thread.sleep(2500);
      assertThat(receiver.accepted()).hasSize(1);
    }
  }

  @Test
  void aReceiverThatAnswersButNeverSendsItsBody_holdsNobodyElsesCalls() throws Exception {
    // Headers promising ten megabytes, then silence: the call must end at its time limit, not hold the sender.
    try (java.net.ServerSocket stalled = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Receiver receiver = new Receiver(0); TestService svc = service()) {
      java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
      List<java.net.Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
      Thread server = new Thread(() -> {
        try {
          while (true) {
            java.net.Socket s = stalled.accept();
            held.add(s);
            asked.incrementAndGet();
            s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
          }
        } catch (java.io.IOException closed) {
          // The test is over.
        }
      });
      server.setDaemon(true);
      server.start();
      Fixtures.network(svc);
      String slow = svc.principal("merchant", "Slow shop", null).token();
      String fast = svc.principal("merchant", "Fast shop", null).token();
      String station = svc.principal("station", "Origin", "HZ-BJ01").token();
      subscribe(svc, slow, "http://127.0.0.1:" + stalled.getLocalPort() + "/hook");
      subscribe(svc, fast, receiver.url());

      pickUp(svc, station, ship(svc, slow, "WH-SLOW"));
      for (int i = 0; i < 400 && asked.get() == 0; i++) {
        svc.clock.advance(java.time.Duration.ofMinutes(1));
        Thread.sleep(50);
      }
      assertThat(asked.get()).as("the stalled receiver was called").isPositive();
      pickUp(svc, station, ship(svc, fast, "WH-FAST"));
      for (int i = 0; i < 800 && receiver.accepted().isEmpty(); i++) {
        svc.clock.advance(java.time.Duration.ofMinutes(1));
        Thread.sleep(50);
      }
      assertThat(receiver.accepted()).as("the other merchant's call got through").hasSize(1);
      held.forEach(s -> {
        try {
          s.close();
        } catch (java.io.IOException ignored) {
          // Closing only.
        }
      });
    }
  }

  @Test
  void callsQueuedBeforeTheOwnerWasRevoked_areNotSentAfterwards() throws Exception {
    try (Receiver receiver = new Receiver(1); TestService svc = service()) {
      Fixtures.network(svc);
      var shop = svc.principal("merchant", "Shop", null);
      String station = svc.principal("station", "Origin", "HZ-BJ01").token();
      subscribe(svc, shop.token(), receiver.url());
      pickUp(svc, station, ship(svc, shop.token(), "WH-REV"));
      receiver.await(c -> !c.isEmpty(), svc);
      // The first try was refused (503): the call waits in the outbox for its next try when the shop is revoked.
      assertThat(svc.pv.principals().revoke(null, shop.principal().id())).isTrue();
      for (int i = 0; i < 60; i++) {
        svc.clock.advance(java.time.Duration.ofMinutes(10));
        Thread.sleep(50);
      }
      assertThat(receiver.calls()).as("no try after the revocation").hasSize(1);
    }
  }

  @Test
  void eachCaller_seesDeletesAndFollowsOnlyItsOwn() throws Exception {
    try (Receiver mine = new Receiver(0); Receiver theirs = new Receiver(0); Receiver market = new Receiver(0);
        TestService svc = service()) {
      Fixtures.network(svc);
      String a = svc.principal("merchant", "Shop A", null).token();
      var shopB = svc.principal("merchant", "Shop B", null);
      String b = shopB.token();
      String station = svc.principal("station", "Origin", "HZ-BJ01").token();
      String aId = Json.mapper().readTree(subscribe(svc, a, mine.url())).get("id").asText();
      subscribe(svc, b, theirs.url());
      String aWaybill = ship(svc, a, "A-1");

      assertThat(svc.get("/v1/webhooks", b).json().get("items")).hasSize(1);
      assertThat(svc.get("/v1/webhooks", b).body()).doesNotContain(aId).doesNotContain("secret");
      assertThat(svc.delete("/v1/webhooks/" + aId, b).status()).isEqualTo(404);
      assertThat(svc.get("/v1/webhooks/" + aId + "/deliveries", b).status()).isEqualTo(404);
      // Following another merchant's shipment is answered as if it did not exist.
      TestService.Response narrowed = svc.post("/v1/webhooks", b, Map.of("url", theirs.url(),
          "events", List.of("shipment.event"), "waybill", aWaybill));
      assertThat(narrowed.status()).isEqualTo(404);
      assertThat(svc.post("/v1/webhooks", station, Map.of("url", theirs.url(), "events", List.of("shipment.event")))
          .status()).isEqualTo(403);

      // A platform follows the shipments made from its orders, not the shop's others.
      var platform = svc.principal("platform", "Marketplace", null);
      var shop = svc.principal("merchant", "Sealed shop", null);
      subscribe(svc, platform.token(), market.url());
      Map<String, Object> buyer = Fixtures.party(Fixtures.MARK_NAME, Fixtures.MARK_PHONE, "西湖区");
      String blob = MarketplaceSealer.seal(svc, platform.principal().id(), "TB-1", shop.principal().id(), buyer);
      Map<String, Object> sealed = new HashMap<>(Fixtures.shipment("SEALED-1"));
      sealed.put("recipient", MarketplaceSealer.recipient(blob, platform.principal().id(), "TB-1"));
      TestService.Response made = svc.post("/v1/shipments", shop.token(), sealed);
      assertThat(made.status()).as(made.body()).isEqualTo(201);
      String sealedWaybill = made.json().get("waybill").asText();
      String plainWaybill = ship(svc, shop.token(), "PLAIN-1");

      // A revoked merchant's webhook is owed nothing more, not even of its own shipments.
      String bWaybill = ship(svc, b, "B-1");
      assertThat(svc.pv.principals().revoke(null, shopB.principal().id())).isTrue();
      pickUp(svc, station, bWaybill);
      pickUp(svc, station, aWaybill);
      pickUp(svc, station, plainWaybill);
      pickUp(svc, station, sealedWaybill);
      mine.await(c -> c.size() >= 1, svc);
      market.await(c -> c.size() >= 1, svc);
      Thread.sleep(2500);
      assertThat(mine.calls()).hasSize(1);
      assertThat(mine.calls().get(0).body()).contains(aWaybill);
      assertThat(market.calls()).hasSize(1);
      assertThat(market.calls().get(0).body()).contains(sealedWaybill).doesNotContain(Fixtures.MARK_NAME);
      assertThat(theirs.calls()).as("B follows nothing of A's, and nothing once revoked").isEmpty();

      // Deleted by its owner: gone from the list.
      assertThat(svc.delete("/v1/webhooks/" + aId, a).status()).isEqualTo(204);
      assertThat(svc.get("/v1/webhooks", a).json().get("items")).isEmpty();
      assertThat(svc.delete("/v1/webhooks/" + aId, a).status()).isEqualTo(404);
    }
  }

  @Test
  void aCaller_holdsAtMostTheLimit_andBadRequestsAreFieldProblems() throws Exception {
    try (TestService svc = TestService.start("postgres",
        s -> s.withWebhooks(new EventHookSettings(true, 3)))) {
      String m = svc.principal("merchant", "Shop", null).token();
      for (int i = 0; i < 3; i++) {
        subscribe(svc, m, "http://127.0.0.1:9/hook" + i);
      }
      TestService.Response over = svc.post("/v1/webhooks", m, Map.of("url", "http://127.0.0.1:9/x",
          "events", List.of("shipment.event")));
      assertThat(over.status()).isEqualTo(409);
      assertThat(over.json().get("limit").asInt()).isEqualTo(3);
      assertThat(svc.get("/v1/webhooks", m).json().get("items")).hasSize(3);

      TestService.Response bad = svc.post("/v1/webhooks", m, Map.of("url", "ftp://example.com/x",
          "events", List.of("shipment.deleted")));
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.body()).contains("\"url\"").contains("\"events\"");
      assertThat(svc.post("/v1/webhooks", m, Map.of("events", List.of("shipment.event"))).status()).isEqualTo(400);
      assertThat(svc.post("/v1/webhooks", m, Map.of("url", "http://127.0.0.1:9/", "surprise", 1)).status())
          .isEqualTo(400);
      assertThat(svc.get("/v1/webhooks/whs_nope/deliveries", m).status()).isEqualTo(404);
      String own = svc.get("/v1/webhooks", m).json().get("items").get(0).get("id").asText();
      assertThat(svc.get("/v1/webhooks/" + own + "/deliveries?limit=0", m).status()).isEqualTo(400);
      assertThat(svc.get("/v1/webhooks/" + own + "/deliveries?cursor=" + Fixtures.MARK_NAME, m).status())
          .isEqualTo(400);
    }
  }

  @Test
  void aCommittedEvent_isDeliveredAcrossARestart_andAPrivateTargetNoLongerAllowed_isRefusedWhenSent()
      throws Exception {
    try (Receiver receiver = new Receiver(0)) {
      TestService svc = service();
      try {
        Fixtures.network(svc);
        String merchant = svc.principal("merchant", "Shop", null).token();
        String station = svc.principal("station", "Origin", "HZ-BJ01").token();
        String id = Json.mapper().readTree(subscribe(svc, merchant, receiver.url())).get("id").asText();
        String waybill = ship(svc, merchant, "RESTART-1");
        pickUp(svc, station, waybill);
        // Stopped within the relay's settle time: the event is committed, no call is owed yet.
        svc = svc.restart();
        receiver.await(c -> c.size() == 1, svc);
        assertThat(receiver.calls().get(0).body()).contains(waybill).contains("PICKED_UP");

        // The same data, now with private targets refused: the subscription to loopback is refused at send time.
        svc.close();
        svc = svc.anotherNode(s -> s.withWebhooks(EventHookSettings.DEFAULTS));
        TestService.Response arrived = svc.post("/v1/shipments/" + waybill + "/events", station,
            Map.of("type", "ARRIVED"));
        assertThat(arrived.status()).as(arrived.body()).isEqualTo(201);
        JsonNode blocked = null;
        for (int i = 0; i < 200 && blocked == null; i++) {
          svc.clock.advance(java.time.Duration.ofMinutes(1));
          Thread.sleep(50);
          for (JsonNode item : svc.get("/v1/webhooks/" + id + "/deliveries", merchant).json().get("items")) {
            if (item.get("tries").size() > 0 && item.get("eventType").asText().equals("ARRIVED")) {
              blocked = item;
            }
          }
        }
        assertThat(blocked).as("a refused try in the delivery log").isNotNull();
        assertThat(blocked.get("tries").get(0).get("outcome").asText()).isEqualTo("BlockedAddressException");
        assertThat(blocked.get("status").asText()).isEqualTo("pending");
        assertThat(receiver.calls()).hasSize(1);
      } finally {
        svc.close();
      }
    }
  }

  @Test
  void byDefault_targetsInsideTheNetworkAreRefused() {
    try (TestService svc = TestService.start("postgres")) {
      String m = svc.principal("merchant", "Shop", null).token();
      for (String url : List.of("http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/",
          "http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/", "http://192.168.0.1/",
          "http://[fd00:ec2::254]/", "file:///etc/passwd", "gopher://127.0.0.1:25/")) {
        TestService.Response r = svc.post("/v1/webhooks", m, Map.of("url", url, "events", List.of("shipment.event")));
        assertThat(r.status()).as(url).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("url");
        assertThat(r.body()).as("the problem does not echo the URL").doesNotContain(url);
      }
      assertThat(svc.get("/v1/webhooks", m).json().get("items")).isEmpty();
    }
  }

  @Test
  void twoNodes_sendEachEventOnce() throws Exception {
    try (Receiver receiver = new Receiver(0); TestService one = service(); TestService two = one.anotherNode()) {
      Fixtures.network(one);
      String merchant = one.principal("merchant", "Shop", null).token();
      String station = one.principal("station", "Origin", "HZ-BJ01").token();
      subscribe(one, merchant, receiver.url());
      List<String> waybills = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        String waybill = ship(one, merchant, "TWO-" + i);
        pickUp(i % 2 == 0 ? one : two, station, waybill);
        waybills.add(waybill);
      }
      receiver.await(c -> c.size() >= 5, one);
      Thread.sleep(3000);
      assertThat(receiver.calls()).hasSize(5);
      assertThat(receiver.calls()).extracting(Call::eventId).doesNotHaveDuplicates();
    }
  }
}
