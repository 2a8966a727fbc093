package org.parcelveil.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.CapturedLogs;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.MarketplaceSealer;
import org.parcelveil.app.SubjectLogin;
import org.parcelveil.app.TestService;
import org.parcelveil.subject.CapturingNotifier;
import org.parcelveil.web.ConsoleClient;

/**
 * Sends marked personal data through every endpoint, good requests and bad, then greps everything that leaves the
 * request path sideways for the markers: log lines, metrics, problem documents, and every stored column.
 */
class NoPersonalDataSidewaysTest {

  @Test
  void markedPersonalData_appearsInNoLogMetricProblemOrStoredColumn() throws Exception {
    List<String> sideways = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    try (CapturedLogs logs = new CapturedLogs(); TestService svc = TestService.start(
        System.getProperty("pv.store", "postgres"), s -> s.withWebhooks(s.webhooks().withAllowPrivateTargets(true)))) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String station = svc.principal("station", "Desk", "HZ-XH01").token();

      String waybill = svc.post("/v1/shipments", merchant, Fixtures.shipment("LEAK-1")).json().get("waybill").asText();
      svc.post("/v1/shipments", merchant, Fixtures.shipment("LEAK-2"), Map.of("Idempotency-Key", "leak-2"));
      svc.post("/v1/shipments", merchant, Fixtures.shipment("LEAK-2b"), Map.of("Idempotency-Key", "leak-2"));
      svc.post("/v1/shipments/batch", merchant, Map.of("shipments", List.of(Fixtures.shipment("LEAK-3"), bad())));
      for (String token : List.of(merchant, station, svc.adminToken)) {
        svc.get("/v1/shipments/" + waybill, token);
      }
      // The delivery path: events, reveals allowed and refused, relay, labels and scans.
      String origin = svc.principal("station", "Origin", "HZ-BJ01").token();
      var courier = svc.pv.principals().create(null, "courier", "Courier", "HZ-XH01", "13700007777");
      svc.post("/v1/shipments/" + waybill + "/events", origin, Map.of("type", "PICKED_UP", "weightGrams", 1100));
      svc.post("/v1/shipments/" + waybill + "/events", station,
          Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      svc.post("/v1/shipments/" + waybill + "/reveal", courier.token(), Map.of("party", "recipient", "purpose", "DELIVERY"));
      sideways.add(svc.post("/v1/shipments/" + waybill + "/reveal", courier.token(),
          Map.of("party", "sender", "purpose", "DELIVERY")).body());
      sideways.add(svc.post("/v1/shipments/" + waybill + "/reveal", merchant,
          Map.of("party", "recipient", "purpose", "SUPPORT", "ticket", "T-1")).body());
      sideways.add(svc.post("/v1/shipments/" + waybill + "/contact", courier.token(), Map.of()).body());
      sideways.add(svc.get("/v1/shipments/" + waybill + "/label?format=zpl", merchant).body());
      sideways.add(svc.post("/v1/scans", station, Map.of("qr", "not-a-token-" + Fixtures.MARK_NAME)).body());
      sideways.add(svc.post("/v1/shipments/" + waybill + "/events", courier.token(),
          Map.of("type", "DELIVERED", "codCollected", true)).body());
      // Drop-off, failed attempts and cash on delivery: refusals, with marked values where a value can be sent.
      String failed = svc.post("/v1/shipments", merchant, Fixtures.shipment("LEAK-F")).json().get("waybill").asText();
      sideways.add(svc.post("/v1/shipments/" + failed + "/events", origin, Map.of("type", "ARRIVED")).body());
      sideways.add(svc.post("/v1/shipments/" + failed + "/events", origin, Map.of("type", "DROPPED_OFF")).body());
      svc.post("/v1/shipments/" + failed + "/events", station,
          Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
      sideways.add(svc.post("/v1/shipments/" + failed + "/events", courier.token(),
          Map.of("type", "DELIVERY_FAILED", "reason", Fixtures.MARK_NAME)).body());
      sideways.add(svc.post("/v1/shipments/" + failed + "/events", courier.token(), Map.of("type", "DELIVERED")).body());
      sideways.add(svc.post("/v1/shipments/" + failed + "/events", courier.token(),
          Map.of("type", "DELIVERY_FAILED", "reason", "ADDRESS_WRONG")).body());
      sideways.add(svc.post("/v1/shipments/" + failed + "/events", courier.token(),
          Map.of("type", "DELIVERED", "codCollected", true)).body());
      sideways.add(svc.get("/v1/shipments/" + failed, merchant).body());
      sideways.add(svc.get("/v1/track/" + failed, null).body());
      // The sixth reveal of one parcel is refused by its cap (the five before it are allowed, so not sideways).
      for (int i = 0; i < 5; i++) {
        svc.post("/v1/shipments/" + failed + "/reveal", courier.token(), Map.of("party", "recipient", "purpose",
            "DELIVERY"));
      }
      sideways.add(svc.post("/v1/shipments/" + failed + "/reveal", courier.token(),
          Map.of("party", "recipient", "purpose", "DELIVERY")).body());
      // Lists and cancellation: the merchant's list (items, filters, bad filters and cursors carrying the markers),
      // a cancelled parcel's label, scan, tracking and verification.
      sideways.add(svc.get("/v1/shipments", merchant).body());
      sideways.add(svc.get("/v1/shipments?limit=1&state=CREATED", merchant).body());
      sideways.add(svc.get("/v1/shipments?reference=" + Fixtures.MARK_NAME, merchant).body());
      sideways.add(svc.get("/v1/shipments?reference=" + Fixtures.MARK_NAME + "x".repeat(70), merchant).body());
      sideways.add(svc.get("/v1/shipments?cursor=" + Fixtures.MARK_NAME, merchant).body());
      sideways.add(svc.get("/v1/shipments?createdFrom=" + Fixtures.MARK_PHONE, merchant).body());
      sideways.add(svc.get("/v1/shipments?state=" + Fixtures.MARK_STREET, merchant).body());
      // Support's look-ups: the marked phone in the query string (found, paged, refused without a ticket, malformed)
      // and a merchant's refused phone search; the phone reaches no log line, access log, audit entry or answer.
      String support = svc.principal("support", "Desk", null).token();
      sideways.add(svc.get("/v1/shipments?phone=" + Fixtures.MARK_PHONE + "&ticket=T-LEAK", support).body());
      sideways.add(svc.get("/v1/shipments?phone=" + Fixtures.MARK_PHONE + "&ticket=T-LEAK&limit=1", support).body());
      sideways.add(svc.get("/v1/shipments?phone=" + Fixtures.MARK_PHONE, support).body());
      sideways.add(svc.get("/v1/shipments?phone=1" + Fixtures.MARK_PHONE + "&ticket=T-LEAK", support).body());
      sideways.add(svc.get("/v1/shipments?phone=" + Fixtures.MARK_NAME + "&ticket=" + Fixtures.MARK_PHONE, support)
          .body());
      sideways.add(svc.get("/v1/shipments?reference=LEAK-1&ticket=T-LEAK", support).body());
      sideways.add(svc.get("/v1/shipments?phone=" + Fixtures.MARK_PHONE, merchant).body());
      // Support's actions under a ticket, good and refused (a marked station code), and the tracking they show.
      String stopped = svc.post("/v1/shipments", merchant, Fixtures.shipment("LEAK-SUP")).json().get("waybill").asText();
      svc.post("/v1/shipments/" + stopped + "/events", origin, Map.of("type", "PICKED_UP"));
      sideways.add(svc.post("/v1/shipments/" + stopped + "/events", support,
          Map.of("type", "INTERCEPTED", "ticket", "T-LEAK")).body());
      sideways.add(svc.post("/v1/shipments/" + stopped + "/events", support,
          Map.of("type", "REDIRECTED", "ticket", "T-LEAK", "stationCode", Fixtures.MARK_NAME)).body());
      sideways.add(svc.post("/v1/shipments/" + stopped + "/events", support,
          Map.of("type", "REDIRECTED", "ticket", "T-LEAK", "stationCode", "HZ-XH01")).body());
      sideways.add(svc.get("/v1/track/" + stopped, null).body());
      String voided = svc.post("/v1/shipments", merchant, Fixtures.shipment("LEAK-C")).json().get("waybill").asText();
      sideways.add(svc.post("/v1/shipments/" + voided + "/cancel", merchant, Map.of()).body());
      sideways.add(svc.post("/v1/shipments/" + voided + "/cancel", svc.principal("merchant", "Other", null).token(),
          Map.of()).body());
      sideways.add(svc.post("/v1/shipments/" + waybill + "/cancel", merchant, Map.of()).body());
      sideways.add(svc.get("/v1/shipments/" + voided + "/label?format=zpl", merchant).body());
      sideways.add(svc.post("/v1/labels", merchant, Map.of("waybills", List.of(voided))).body());
      sideways.add(svc.get("/v1/track/" + voided + "?phoneLast4=" + Fixtures.MARK_PHONE.substring(7), null).body());
      sideways.add(svc.get("/v1/shipments?state=cancelled", merchant).body());
      // A station's work: a bulk scan with marked numbers among real ones, a count that does not match, and the
      // station's lists with marked filters and cursors.
      sideways.add(svc.post("/v1/scans/bulk", station, Map.of("type", "ARRIVED",
          "waybills", List.of(waybill, Fixtures.MARK_PHONE, Fixtures.MARK_NAME, Fixtures.MARK_PHONE), "count", 4)).body());
      sideways.add(svc.post("/v1/scans/bulk", station, Map.of("type", "ARRIVED",
          "waybills", List.of(Fixtures.MARK_NAME + "x".repeat(50)), "count", 2)).body());
      sideways.add(svc.get("/v1/stations/HZ-XH01/parcels", station).body());
      sideways.add(svc.get("/v1/stations/HZ-XH01/parcels?state=" + Fixtures.MARK_NAME, station).body());
      sideways.add(svc.get("/v1/stations/HZ-XH01/parcels?cursor=" + Fixtures.MARK_NAME, station).body());
      // Problems answering bad input that carries the markers.
      sideways.add(svc.post("/v1/shipments", merchant, bad()).body());
      sideways.add(svc.post("/v1/shipments", merchant, "{\"reference\": \"" + Fixtures.MARK_NAME + "\", ").body());
      sideways.add(svc.post("/v1/shipments", merchant, Map.of("surprise", Fixtures.MARK_NAME)).body());
      sideways.add(svc.get("/v1/shipments/" + Fixtures.MARK_PHONE, merchant).body());
      sideways.add(svc.get("/v1/shipments/" + waybill, "pv_" + Fixtures.MARK_NAME).body());

      // A leaked list holds personal data: the run stores counts and matched waybills only, and echoes nothing.
      String security = svc.principal("security", "Sec", null).token();
      svc.post("/v1/canaries", security, Map.of("channel", "export:leak-test", "count", 2));
      sideways.add(svc.post("/v1/attributions", security, Map.of("records", List.of(
          Map.of("phone", Fixtures.MARK_PHONE, "name", Fixtures.MARK_NAME + " 贾宝玉黛"),
          Map.of("waybill", waybill, "phone", Fixtures.MARK_PHONE), Map.of("name", Fixtures.MARK_DETAIL)))).body());
      sideways.add(svc.post("/v1/attributions", security, "{\"records\": [{\"phone\": \"" + Fixtures.MARK_NAME
          + "\", \"surprise\": 1}]}").body());
      svc.pv.leaks().engine().flush();
      sideways.add(svc.get("/v1/alerts?since=2000-01-01T00:00:00Z", security).body());

      // Data-subject requests: a session for the marked phone, its views, and bad input carrying the markers.
      String subject = SubjectLogin.token(svc, Fixtures.MARK_PHONE);
      svc.get("/v1/subjects/shipments", subject);
      svc.get("/v1/subjects/export", subject);
      sideways.add(svc.post("/v1/subjects/erase", subject, Map.of("waybills", List.of(waybill))).body());
      sideways.add(svc.post("/v1/subjects/erase", subject, Map.of("waybills", List.of(Fixtures.MARK_NAME))).body());
      sideways.add(svc.post("/v1/subjects/challenge", null, Map.of("phone", Fixtures.MARK_NAME)).body());
      sideways.add(svc.post("/v1/subjects/challenge", null, Map.of("phone", "1" + Fixtures.MARK_PHONE)).body());
      sideways.add(svc.post("/v1/subjects/session", null,
          Map.of("phone", Fixtures.MARK_PHONE, "code", Fixtures.MARK_PHONE_DIGITS + "x")).body());
      sideways.add(svc.post("/v1/subjects/session", null, Map.of("phone", Fixtures.MARK_PHONE, "code", "000000")).body());
      sideways.add(svc.get("/v1/subjects/shipments", "pv_" + Fixtures.MARK_NAME).body());
      sideways.add(svc.get("/v1/subjects/disclosures", subject).body());
      sideways.add(svc.get("/v1/track/" + waybill + "?phoneLast4=" + Fixtures.MARK_PHONE.substring(7), null).body());
      // The recipients' privacy page: signed in with the marked phone, its list, export and erasure (the pages
      // show only masked data; the export is the person's own download), and bad input carrying the markers.
      ConsoleClient privacy = new ConsoleClient(svc);
      privacy.get("/privacy");
      sideways.add(privacy.post("/privacy/code", Map.of("phone", Fixtures.MARK_NAME)).body());
      privacy.get("/privacy");
      sideways.add(privacy.post("/privacy/code", Map.of("phone", Fixtures.MARK_STREET + "x".repeat(5000))).body());
      privacy.get("/privacy");
      privacy.post("/privacy/code", Map.of("phone", Fixtures.MARK_PHONE));
      privacy.post("/privacy/session", Map.of("phone", Fixtures.MARK_PHONE, "code",
          CapturingNotifier.next("+86" + Fixtures.MARK_PHONE, Duration.ofSeconds(10)).orElseThrow()));
      sideways.add(privacy.get("/privacy/mine").body());
      privacy.get("/privacy/export");
      privacy.get("/privacy/mine");
      sideways.add(privacy.post("/privacy/erase", Map.of("waybill", Fixtures.MARK_NAME)).body());
      privacy.get("/privacy/mine");
      sideways.add(privacy.post("/privacy/erase/confirm", Map.of("waybill", Fixtures.MARK_DETAIL)).body());
      privacy.get("/privacy/mine");
      sideways.add(privacy.post("/privacy/erase/confirm", Map.of("waybill", waybill)).body());

      // Sealed orders: registered and sealed recipients, good and bad, one by one and in a batch.
      var platform = svc.principal("platform", "Marketplace", null);
      var shop = svc.principal("merchant", "Sealed shop", null);
      String platformId = platform.principal().id();
      String shopId = shop.principal().id();
      Map<String, Object> buyer = Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉黛", Fixtures.MARK_PHONE, "西湖区");
      TestService.Response order = svc.post("/v1/orders", platform.token(), Map.of("merchant", shopId,
          "orderId", "TB-1", "recipient", buyer));
      assertThat(order.status()).as("the walk registers a real order").isEqualTo(201);
      sideways.add(order.body());
      sideways.add(svc.post("/v1/orders", platform.token(), Map.of("merchant", shopId, "orderId", "TB-2",
          "recipient", bad().get("recipient"))).body());
      sideways.add(svc.post("/v1/orders", platform.token(), Map.of("merchant", shopId, "orderId", "TB-1",
          "recipient", Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉", "13900001111", "西湖区"))).body());
      String blob = MarketplaceSealer.seal(svc, platformId, "TB-3", shopId, buyer);
      TestService.Response sealed = svc.post("/v1/shipments", shop.token(), sealedShipment(blob, platformId, "TB-3"));
      assertThat(sealed.status()).as("the walk ships a real sealed order").isEqualTo(201);
      sideways.add(sealed.body());
      String altered = blob.substring(0, blob.length() - 2) + (blob.endsWith("A") ? "BB" : "AA");
      sideways.add(svc.post("/v1/shipments", shop.token(), sealedShipment(altered, platformId, "TB-3")).body());
      sideways.add(svc.post("/v1/shipments", shop.token(), sealedShipment(blob, platformId, "TB-4")).body());
      // Sealed, but what opens is no valid party: the problem names fields, never their values.
      String invalid = MarketplaceSealer.seal(svc, platformId, "TB-5", shopId,
          Map.of("name", Fixtures.MARK_NAME, "phone", "1" + Fixtures.MARK_PHONE));
      sideways.add(svc.post("/v1/shipments", shop.token(), sealedShipment(invalid, platformId, "TB-5")).body());
      sideways.add(svc.post("/v1/shipments/batch", shop.token(), Map.of("shipments", List.of(
          sealedShipment(blob, platformId, "TB-3"), sealedShipment(altered, platformId, "TB-6")))).body());
      // Saved senders: a marked sender saved, listed, used by id and as the default, and refused, here and from
      // another merchant. Even the owner's answers show it masked.
      Map<String, Object> marked = new HashMap<>(Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉黛", Fixtures.MARK_PHONE,
          "西湖区"));
      marked.put("isDefault", true);
      TestService.Response saved = svc.post("/v1/senders", merchant, marked);
      assertThat(saved.status()).as("the walk saves a real sender").isEqualTo(201);
      sideways.add(saved.body());
      String senderId = saved.json().get("id").asText();
      sideways.add(svc.get("/v1/senders", merchant).body());
      sideways.add(svc.post("/v1/senders/" + senderId + "/default", merchant, Map.of()).body());
      Map<String, Object> byDefault = new HashMap<>(Fixtures.shipment("LEAK-SND-1"));
      byDefault.remove("sender");
      sideways.add(svc.post("/v1/shipments", merchant, byDefault).body());
      Map<String, Object> byId = new HashMap<>(byDefault);
      byId.put("senderId", senderId);
      sideways.add(svc.post("/v1/shipments/batch", merchant, Map.of("shipments", List.of(byId, byDefault))).body());
      Map<String, Object> badSender = new HashMap<>(marked);
      badSender.put("phone", "1" + Fixtures.MARK_PHONE);
      sideways.add(svc.post("/v1/senders", merchant, badSender).body());
      sideways.add(svc.post("/v1/senders", merchant, "{\"name\": \"" + Fixtures.MARK_NAME + "\", ").body());
      sideways.add(svc.get("/v1/senders", shop.token()).body());
      sideways.add(svc.post("/v1/shipments", shop.token(), byId).body());
      sideways.add(svc.delete("/v1/senders/" + Fixtures.MARK_NAME, merchant).body());
      sideways.add(svc.delete("/v1/senders/" + senderId, shop.token()).body());
      // Tracking webhooks: subscriptions good and bad (markers in the URL and fields), an event of the marked
      // shipment and the sealed one delivered to a real receiver, and the delivery logs.
      List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
      try (AutoCloseable hook = receiver(calls)) {
        String hookUrl = hook.toString();
        String subscription = svc.post("/v1/webhooks", merchant, Map.of("url", hookUrl,
            "events", List.of("shipment.event"))).json().get("id").asText();
        svc.post("/v1/webhooks", platform.token(), Map.of("url", hookUrl, "events", List.of("shipment.event")));
        sideways.add(svc.post("/v1/webhooks", merchant, Map.of("url", "gopher://" + Fixtures.MARK_NAME + ".invalid/"
            + Fixtures.MARK_PHONE, "events", List.of("shipment.event"))).body());
        sideways.add(svc.post("/v1/webhooks", merchant, Map.of("url", "ftp://" + Fixtures.MARK_STREET,
            "events", List.of(Fixtures.MARK_DETAIL), "waybill", Fixtures.MARK_PHONE)).body());
        sideways.add(svc.post("/v1/webhooks", merchant, Map.of("url", hookUrl, "events", List.of("shipment.event"),
            "surprise", Fixtures.MARK_NAME)).body());
        svc.post("/v1/shipments/" + sealed.json().get("waybill").asText() + "/events", origin,
            Map.of("type", "PICKED_UP"));
        String fresh = svc.post("/v1/shipments", merchant, Fixtures.shipment("LEAK-HOOK")).json().get("waybill")
            .asText();
        svc.post("/v1/shipments/" + fresh + "/events", origin, Map.of("type", "PICKED_UP"));
        for (int i = 0; i < 200 && calls.size() < 2; i++) {
          svc.clock.advance(java.time.Duration.ofMinutes(1));
          Thread.sleep(50);
        }
        assertThat(calls).as("calls received").hasSize(2);
        sideways.addAll(calls);
        sideways.add(svc.get("/v1/webhooks", merchant).body());
        sideways.add(svc.get("/v1/webhooks/" + subscription + "/deliveries", merchant).body());
        sideways.add(svc.get("/v1/webhooks/" + subscription + "/deliveries?cursor=" + Fixtures.MARK_NAME, merchant)
            .body());
      }
      // Packing slips: items carrying the markers are drawn on the slip and go nowhere else (no row, log line or
      // metric); refusals name items by position, never quote them.
      String packed = svc.post("/v1/shipments", merchant, Fixtures.shipment("LEAK-SLIP")).json().get("waybill")
          .asText();
      String slip = "/v1/shipments/" + packed + "/packing-slip";
      List<Map<String, Object>> markedItems = List.of(
          Map.of("name", Fixtures.MARK_NAME + " " + Fixtures.MARK_PHONE, "quantity", 1, "sku", Fixtures.MARK_DETAIL),
          Map.of("name", Fixtures.MARK_STREET + " 贾宝玉黛", "quantity", 2));
      assertThat(svc.post(slip, merchant, Map.of("items", markedItems)).status()).as("the walk prints a real slip")
          .isEqualTo(200);
      sideways.add(svc.post(slip, merchant, Map.of("items", List.of(
          Map.of("name", Fixtures.MARK_NAME + " \uD83D\uDCE6", "quantity", 0, "sku", Fixtures.MARK_DETAIL.repeat(9)),
          Map.of("name", Fixtures.MARK_STREET.repeat(12), "quantity", Fixtures.MARK_PHONE)))).body());
      sideways.add(svc.post(slip, merchant, "{\"items\": [{\"name\": \"" + Fixtures.MARK_NAME + "\", ").body());
      sideways.add(svc.post(slip, merchant, Map.of("items", markedItems, "surprise", Fixtures.MARK_NAME)).body());
      sideways.add(svc.post(slip, shop.token(), Map.of("items", markedItems)).body());
      sideways.add(svc.post(slip, station, Map.of("items", markedItems)).body());
      sideways.add(svc.post("/v1/shipments/" + voided + "/packing-slip", merchant, Map.of("items", markedItems))
          .body());
      // Address parsing: the parsed fields go back to the caller only; refusals never quote the text.
      String line = Fixtures.MARK_NAME + " " + Fixtures.MARK_PHONE + " 浙江省杭州市西湖区" + Fixtures.MARK_STREET
          + "路90号" + Fixtures.MARK_DETAIL + "1204室";
      svc.post("/v1/addresses/parse", merchant, Map.of("text", line));
      sideways.add(svc.post("/v1/addresses/parse", merchant, Map.of("text", line.repeat(20))).body());
      sideways.add(svc.post("/v1/addresses/parse", merchant, Map.of("text", line, "extra", line)).body());
      sideways.add(svc.post("/v1/addresses/parse", courier.token(), Map.of("text", line)).body());
      // Pickup points and delivery PINs: the marked recipient's parcel shelved, handed over wrongly (markers in
      // the fields) and rightly; a PIN parcel delivered with a wrong and the right PIN. Neither the phone nor any
      // code sent may turn up sideways.
      String markedPhone = "+86" + Fixtures.MARK_PHONE;
      while (CapturingNotifier.next(markedPhone, java.time.Duration.ZERO).isPresent()) {
        continue; // codes of the walk's earlier requests
      }
      Map<String, Object> pinned = new HashMap<>(Fixtures.shipment("LEAK-PU-1"));
      pinned.put("deliveryPin", true);
      for (String ref : List.of("LEAK-PU-0", "LEAK-PU-1")) {
        Map<String, Object> pickupBody = ref.endsWith("1") ? pinned : Fixtures.shipment(ref);
        String pu = svc.post("/v1/shipments", merchant, pickupBody).json().get("waybill").asText();
        svc.post("/v1/shipments/" + pu + "/events", origin, Map.of("type", "PICKED_UP"));
        svc.post("/v1/shipments/" + pu + "/events", station, Map.of("type", "ARRIVED"));
        if (ref.endsWith("0")) {
          svc.post("/v1/shipments/" + pu + "/events", station, Map.of("type", "AT_PICKUP_POINT"));
          String code = CapturingNotifier.next(markedPhone, java.time.Duration.ofSeconds(10)).orElseThrow();
          codes.add(code);
          sideways.add(svc.post("/v1/shipments/" + pu + "/handover", station, Map.of("code",
              Fixtures.MARK_PHONE_DIGITS, "phoneLast4", Fixtures.MARK_PHONE.substring(7))).body());
          sideways.add(svc.post("/v1/shipments/" + pu + "/handover", station, Map.of("code", Fixtures.MARK_NAME,
              "phoneLast4", Fixtures.MARK_PHONE_DIGITS)).body());
          sideways.add(svc.post("/v1/shipments/" + pu + "/handover", station, Map.of("code", code,
              "phoneLast4", Fixtures.MARK_PHONE.substring(7))).body());
          sideways.add(svc.post("/v1/shipments/" + pu + "/handover", station, Map.of("code", code,
              "phoneLast4", Fixtures.MARK_PHONE.substring(7))).body());
        } else {
          svc.post("/v1/shipments/" + pu + "/events", station,
              Map.of("type", "OUT_FOR_DELIVERY", "courierId", courier.principal().id()));
          String pin = CapturingNotifier.next(markedPhone, java.time.Duration.ofSeconds(10)).orElseThrow();
          codes.add(pin);
          sideways.add(svc.post("/v1/shipments/" + pu + "/events", courier.token(),
              Map.of("type", "DELIVERED", "codCollected", true, "pin", Fixtures.MARK_PHONE_DIGITS)).body());
          sideways.add(svc.post("/v1/shipments/" + pu + "/events", courier.token(),
              Map.of("type", "DELIVERED", "codCollected", true, "pin", Fixtures.MARK_NAME)).body());
          TestService.Response delivered = svc.post("/v1/shipments/" + pu + "/events", courier.token(),
              Map.of("type", "DELIVERED", "codCollected", true, "pin", pin));
          assertThat(delivered.status()).as("the walk delivers a real PIN parcel").isEqualTo(201);
          sideways.add(delivered.body());
        }
      }
      sideways.add(svc.get("/metrics", svc.adminToken).body());
      sideways.addAll(storedText(svc));
      sideways.addAll(logs.lines());
    }
    String all = String.join("\n", sideways);
    for (String marker : Fixtures.MARKERS) {
      assertThat(all).as("marker %s", marker).doesNotContain(marker);
    }
    assertThat(codes).as("pickup code and PIN sent").hasSize(2);
    for (String code : codes) {
      // A code standing alone: six digits that are part of a longer run of letters or digits are something else.
      assertThat(all).as("a pickup code or PIN").doesNotContainPattern("(?<![0-9A-Za-z])" + code + "(?![0-9A-Za-z])");
    }
    assertThat(all).contains("http_server_requests");
  }

  /**
   * A webhook receiver on loopback that adds each call it gets (headers and body) to {@code calls}; its
   * {@code toString()} is its URL.
   */
  private static AutoCloseable receiver(List<String> calls) throws java.io.IOException {
    var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/hook", exchange -> {
      calls.add(exchange.getRequestHeaders().entrySet() + " "
          + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    return new AutoCloseable() {
      @Override
      public void close() {
        server.stop(0);
      }

      @Override
      public String toString() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
      }
    };
  }

  private static Map<String, Object> sealedShipment(String sealed, String platform, String orderId) {
    Map<String, Object> s = new HashMap<>(Fixtures.shipment("SEALED-" + orderId));
    s.put("recipient", MarketplaceSealer.recipient(sealed, platform, orderId));
    return s;
  }

  private static Map<String, Object> bad() {
    Map<String, Object> s = new HashMap<>(Fixtures.shipment("BAD"));
    s.put("recipient", Fixtures.party(Fixtures.MARK_NAME, "1" + Fixtures.MARK_PHONE, "西湖区"));
    return s;
  }

  /** Every value of every column of every table (the key store's schema included), text and bytes alike. */
  private static List<String> storedText(TestService svc) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = svc.pv.database().connection();
        ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      List<String> names = new ArrayList<>();
      while (tables.next()) {
        String schema = tables.getString("TABLE_SCHEM");
        if (schema == null || !schema.equalsIgnoreCase("INFORMATION_SCHEMA")) {
          names.add((schema == null ? "" : "\"" + schema + "\".") + "\"" + tables.getString("TABLE_NAME") + "\"");
        }
      }
      assertThat(names).isNotEmpty();
      for (String t : names) {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + t)) {
          ResultSetMetaData md = rs.getMetaData();
          while (rs.next()) {
            for (int i = 1; i <= md.getColumnCount(); i++) {
              Object v = rs.getObject(i);
              out.add(v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v));
            }
          }
        }
      }
    }
    return out;
  }
}
