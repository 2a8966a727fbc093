package org.parcelveil.shipment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * Support finds parcels of every merchant by a phone (through its blind index, under every live key version) or by an
 * order reference, only under a ticket, and each look-up lands in the audit log without the phone. A merchant keeps
 * its own list and cannot search by phone at all: not another merchant's customer, not its own.
 */
class SupportLookupTest {
  private static final String OTHER_PHONE = "13511112222";

  @ParameterizedTest
  @MethodSource("org.parcelveil.store.TestDatabases#kinds")
  void phoneAndReference_findAcrossMerchants_underATicket_audited_andMerchantsCannotProbe(String kind) {
    try (TestService svc = TestService.start(kind)) {
      Fixtures.network(svc);
      String shopA = svc.principal("merchant", "Shop A", null).token();
      String shopB = svc.principal("merchant", "Shop B", null).token();
      String support = svc.principal("support", "Desk", null).token();
      String station = svc.principal("station", "Xihu desk", "HZ-XH01").token();
      String security = svc.principal("security", "Analyst", null).token();
      String a1 = create(svc, shopA, "REF-A1", Fixtures.MARK_PHONE);
      String a2 = create(svc, shopA, "REF-SHARED", Fixtures.MARK_PHONE);
      String b1 = create(svc, shopB, "REF-SHARED", Fixtures.MARK_PHONE);
      String b2 = create(svc, shopB, "REF-B2", OTHER_PHONE);
      // A new blind-index key: rows indexed before and after must both be found.
      svc.pv.keyRotation().blindIndex("test");
      String b3 = create(svc, shopB, "REF-B3", Fixtures.MARK_PHONE);

      TestService.Response found = svc.get("/v1/shipments?phone=" + Fixtures.MARK_PHONE + "&ticket=T-100", support);
      assertThat(found.status()).as(found.body()).isEqualTo(200);
      assertThat(waybills(found.json())).containsExactly(b3, b1, a2, a1);
      assertThat(found.body()).doesNotContain(Fixtures.MARKERS);
      assertThat(found.json().at("/items/0/masked/recipient/phone").asText()).isEqualTo("*******4321");
      // The sender's phone finds every parcel it sent, in pages that neither repeat nor skip.
      TestService.Response first = svc.get("/v1/shipments?phone=13800001111&ticket=T-102&limit=3", support);
      String cursor = first.json().get("nextCursor").asText();
      TestService.Response second = svc.get("/v1/shipments?phone=13800001111&ticket=T-102&limit=3&cursor=" + cursor,
          support);
      List<String> all = new ArrayList<>(waybills(first.json()));
      all.addAll(waybills(second.json()));
      assertThat(all).containsExactly(b3, b2, b1, a2, a1);
      assertThat(second.json().get("nextCursor").isNull()).isTrue();

      TestService.Response byRef = svc.get("/v1/shipments?reference=REF-SHARED&ticket=T-101", support);
      assertThat(waybills(byRef.json())).containsExactly(b1, a2);
      assertThat(waybills(svc.get("/v1/shipments?reference=REF-SHARED", shopA).json())).containsExactly(a2);

      // Support without a ticket, with a bad one, with neither or both keys, or a bad phone: 400, nothing found.
      assertField(svc.get("/v1/shipments?phone=" + Fixtures.MARK_PHONE, support), "ticket");
      assertField(svc.get("/v1/shipments?phone=" + Fixtures.MARK_PHONE + "&ticket=x", support), "ticket");
      assertField(svc.get("/v1/shipments?ticket=T-1", support), "phone");
      assertField(svc.get("/v1/shipments?ticket=T-1&phone=" + Fixtures.MARK_PHONE + "&reference=REF-A1", support),
          "reference");
      assertField(svc.get("/v1/shipments?ticket=T-1&phone=1" + Fixtures.MARK_PHONE, support), "phone");
      assertField(svc.get("/v1/shipments?ticket=T-1&reference=REF-A1&state=CREATED", support), "state");

      // A merchant probing a phone: one answer whether it is another merchant's customer, its own, or nobody's.
      TestService.Response foreign = svc.get("/v1/shipments?phone=" + OTHER_PHONE, shopA);
      TestService.Response own = svc.get("/v1/shipments?phone=" + Fixtures.MARK_PHONE, shopA);
      TestService.Response nobody = svc.get("/v1/shipments?phone=13000000000", shopA);
      assertThat(foreign.status()).isEqualTo(403);
      assertThat(own.body()).isEqualTo(foreign.body()).isEqualTo(nobody.body());
      assertThat(svc.get("/v1/shipments?phone=" + Fixtures.MARK_PHONE + "&ticket=T-1", station).status())
          .isEqualTo(403);

      // The audit log: one entry per parcel served, by support, with the ticket and the party matched; no phone.
      JsonNode entries = svc.get("/v1/audit/entries?start=0&end=10000", security).json().get("entries");
      List<JsonNode> lookups = new ArrayList<>();
      entries.forEach(e -> {
        if (e.get("action").asText().equals("support.lookup")) {
          lookups.add(e);
        }
      });
      assertThat(lookups).filteredOn(e -> e.get("ticket").asText().equals("T-100")
              && e.get("reason").asText().equals("by_phone") && e.get("waybill").asText().equals(a1))
          .singleElement().satisfies(e -> {
            assertThat(e.get("principalRole").asText()).isEqualTo("support");
            assertThat(e.get("party").asText()).isEqualTo("recipient");
          });
      assertThat(lookups).filteredOn(e -> e.get("ticket").asText().equals("T-101")).hasSize(2);
      assertThat(lookups).noneMatch(e -> e.get("ticket").asText().equals("x") || e.get("ticket").isNull());
      assertThat(entries.toString()).doesNotContain(Fixtures.MARK_PHONE_DIGITS, "38000011", "51111222");
    }
  }

  private static void assertField(TestService.Response r, String field) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(r.json().at("/errors/0/field").asText()).isEqualTo(field);
    assertThat(r.body()).doesNotContain(Fixtures.MARK_PHONE_DIGITS);
  }

  private static List<String> waybills(JsonNode page) {
    List<String> out = new ArrayList<>();
    page.get("items").forEach(i -> out.add(i.get("waybill").asText()));
    return out;
  }

  static String create(TestService svc, String merchant, String reference, String recipientPhone) {
    Map<String, Object> s = new HashMap<>(Fixtures.shipment(reference));
    s.put("recipient", Fixtures.party(Fixtures.MARK_NAME + " 贾宝玉黛", recipientPhone, "西湖区"));
    svc.clock.advance(java.time.Duration.ofSeconds(1));
    TestService.Response r = svc.post("/v1/shipments", merchant, s);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("waybill").asText();
  }
}
