package org.parcelveil.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parcelveil.app.Fixtures;

/** Hostile inputs: broken JSON, wrong types, odd Unicode, SQL metacharacters, deep nesting, huge numbers. */
final class HostileCorpus {
  record Endpoint(String method, String path, String role) {}

  private HostileCorpus() {}

  /** Every endpoint that takes a body, with a role allowed to call it. Extend as features land. */
  static List<Endpoint> endpoints() {
    return List.of(
        new Endpoint("POST", "/v1/stations", "admin"),
        new Endpoint("POST", "/v1/principals", "admin"),
        new Endpoint("POST", "/v1/shipments", "merchant"),
        new Endpoint("POST", "/v1/shipments/batch", "merchant"),
        new Endpoint("POST", "/v1/shipments/{waybill}/events", "station"),
        new Endpoint("POST", "/v1/shipments/{waybill}/reveal", "courier"),
        new Endpoint("POST", "/v1/shipments/{waybill}/contact", "courier"),
        new Endpoint("POST", "/v1/labels", "merchant"),
        new Endpoint("POST", "/v1/scans", "station"),
        new Endpoint("POST", "/v1/relay/route", "none"),
        new Endpoint("POST", "/v1/canaries", "security"),
        new Endpoint("POST", "/v1/canaries/calls", "none"),
        new Endpoint("POST", "/v1/attributions", "security"),
        new Endpoint("POST", "/v1/attributions/{waybill}/approve", "admin"),
        new Endpoint("GET", "/v1/attributions/{waybill}", "security"),
        new Endpoint("POST", "/v1/alerts/{waybill}/suspend", "security"),
        new Endpoint("POST", "/v1/principals/{waybill}/suspend", "security"),
        new Endpoint("POST", "/v1/verifications", "platform"),
        new Endpoint("POST", "/track", "none"),
        new Endpoint("GET", "/v1/track/{waybill}", "none"),
        new Endpoint("POST", "/v1/subjects/challenge", "none"),
        new Endpoint("POST", "/v1/subjects/session", "none"),
        new Endpoint("POST", "/v1/subjects/erase", "subject"));
  }

  static List<String> paths() {
    return List.of("/v1/shipments/%27%20OR%201=1--", "/v1/shipments/" + "9".repeat(3000), "/v1/shipments/%F0%9F%92%A3",
        "/v1/shipments/PV%00", "/v1/shipments/..%2F..%2Fetc%2Fpasswd", "/v1/nope", "/v1/shipments/%E2%80%AE",
        "/v1/track/%27%20OR%201=1--", "/v1/track/" + "9".repeat(3000), "/v1/track/PV%00?phoneLast4=%00%00%00%00",
        "/c/%F0%9F%92%A3", "/c/" + "A".repeat(3000));
  }

  static List<byte[]> bodies(Endpoint e) {
    List<String> texts = new ArrayList<>(List.of("", "null", "[]", "123", "\"text\"", "{", "{}}", "{\"a\":", "{}",
        "{\"reference\": 1e999999}", "{\"reference\": 99999999999999999999999999999999999999999}",
        "{\"reference\": \"x\", \"reference\": \"y\"}", "[".repeat(5000) + "]".repeat(5000),
        "{\"a\":".repeat(2000) + "1" + "}".repeat(2000), "{\"\\ud800\": \"\\udfff\"}",
        "{\"shipments\": 7}", "{\"shipments\": [null, 1, \"x\", [], {}]}", "{\"code\": [\"HZH\"]}",
        "{\"role\": {\"$ne\": null}}", "{\"code\": \"'; DROP TABLE stations; --\", \"name\": \"x\", \"kind\": \"HUB\"}",
        "{\"role\": \"admin' OR '1'='1\", \"name\": \"x\"}",
        "{\"channel\": \"x\", \"count\": 1e9}", "{\"channel\": null, \"count\": -1}", "{\"records\": {}}",
        "{\"records\": [null]}", "{\"records\": [{\"waybill\": 7, \"phone\": [], \"name\": {}}]}",
        "{\"records\": [{\"phone\": \"' OR 1=1 --\", \"waybill\": \"" + "9".repeat(500) + "\"}]}"));
    for (Object variant : variants()) {
      try {
        texts.add(Json.mapper().writeValueAsString(variant));
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    }
    List<byte[]> out = new ArrayList<>();
    texts.forEach(t -> out.add(t.getBytes(StandardCharsets.UTF_8)));
    out.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
    out.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
    return out;
  }

  private static List<Object> variants() {
    List<Object> v = new ArrayList<>();
    String[] odd = {"\u202Eevil", "a\u0000b", "\uFEFF", "😀😀😀", "Ж\u0301", "\u200B\u200B", "x".repeat(10_000),
        "'; DROP TABLE shipments; --", "\" OR \"\"=\"", "<script>alert(1)</script>", "${jndi:ldap://x}", "%s%n%x"};
    for (String s : odd) {
      Map<String, Object> ship = new java.util.LinkedHashMap<>(Fixtures.shipment(s));
      ship.put("recipient", Fixtures.party(s, s, s));
      v.add(ship);
      v.add(Map.of("shipments", List.of(ship, Map.of("reference", s))));
      v.add(Map.of("code", s, "name", s, "kind", s, "area", Map.of("province", s, "city", s, "district", s)));
      v.add(Map.of("role", "courier", "name", s, "stationCode", s));
      v.add(Map.of("channel", s, "count", 1));
      v.add(Map.of("records", List.of(Map.of("waybill", s, "phone", s, "name", s))));
      v.add(Map.of("waybill", s, "orderId", s, "orderCreatedAt", s, "recipientPhone", s,
          "origin", Map.of("province", s, "city", s, "district", s), "destination", Map.of("province", s, "city", s)));
      v.add(Map.of("phone", s, "code", s));
      v.add(Map.of("waybills", List.of(s, s)));
    }
    v.add(Map.of("waybill", List.of(1), "orderId", 7, "orderCreatedAt", 1.5, "origin", "x", "destination", List.of()));
    v.add(Map.of("waybill", "PV12345678901234X", "orderId", "O-1", "orderCreatedAt", "+999999999-12-31T23:59:59Z",
        "origin", Map.of("province", "浙江省", "city", "杭州市"), "destination", Map.of("province", "浙江省", "city", "杭州市")));
    Map<String, Object> wrongTypes = new java.util.LinkedHashMap<>(Fixtures.shipment("W"));
    wrongTypes.put("parcel", Map.of("weightGrams", "heavy"));
    v.add(wrongTypes);
    Map<String, Object> negative = new java.util.LinkedHashMap<>(Fixtures.shipment("N"));
    negative.put("parcel", Map.of("weightGrams", -1));
    negative.put("cod", Map.of("amountCents", Long.MAX_VALUE, "currency", "XXXX"));
    v.add(negative);
    Map<String, Object> extra = new java.util.LinkedHashMap<>(Fixtures.shipment("E"));
    extra.put("product", "iPhone");
    v.add(extra);
    return v;
  }

  static String describe(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 80 ? s.substring(0, 80) + "…(" + s.length() + ")" : s;
  }
}
