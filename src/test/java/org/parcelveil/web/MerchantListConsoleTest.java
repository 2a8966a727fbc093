package org.parcelveil.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;

/**
 * The merchant's console list and detail: pages with a total, creation times in the network zone, labelled, printed and unprinted
 * labels, printing a whole page, the tracking history, reprint, and cancellation only after a confirmation. Another
 * merchant's shipment reads as unknown.
 */
class MerchantListConsoleTest {
  private static final Pattern ROW = Pattern.compile("name=\"onpage\" value=\"([A-Z0-9]+)\"");
  private static final Pattern NEXT = Pattern.compile("id=\"next-page\" href=\"([^\"]+)\"");

  @Test
  void list_pagesWithTotalAndDates_detailShowsHistory_cancelNeedsConfirmation() throws Exception {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      var shop = People.personWithToken(svc, "merchant", "Shop", null, "listshop");
      String other = svc.principal("merchant", "Other", null).token();
      String origin = svc.principal("station", "Binjiang desk", "HZ-BJ01").token();
      List<Object> batch = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        batch.add(Fixtures.shipment("CL-" + i));
      }
      Set<String> made = new LinkedHashSet<>();
      svc.post("/v1/shipments/batch", shop.token(), Map.of("shipments", batch)).json().get("results")
          .forEach(r -> made.add(r.get("waybill").asText()));
      String foreign = svc.post("/v1/shipments", other, Fixtures.shipment("CL-X")).json().get("waybill").asText();
      String picked = made.iterator().next();
      assertThat(svc.post("/v1/shipments/" + picked + "/events", origin, Map.of("type", "PICKED_UP")).status())
          .isEqualTo(201);

      ConsoleClient c = new ConsoleClient(svc);
      People.signIn(c, svc, "listshop", new HashMap<>());
      ConsoleClient.Page first = c.get("/console/merchant");
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.body()).contains("id=\"total\"", "60").contains("(UTC+08:00)")
          .doesNotContain(Fixtures.MARKERS).doesNotContain(foreign);
      // Walk the pages: every shipment once, 50 a page.
      List<String> seen = new ArrayList<>(rows(first.body()));
      assertThat(seen).hasSize(50);
      Matcher next = NEXT.matcher(first.body());
      assertThat(next.find()).isTrue();
      ConsoleClient.Page second = c.get(next.group(1).replace("&amp;", "&"));
      seen.addAll(rows(second.body()));
      assertThat(NEXT.matcher(second.body()).find()).isFalse();
      assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(made);
      // Filters: by state, by exact reference; a broken cursor is a 400 page, not an error.
      assertThat(c.get("/console/merchant?state=PICKED_UP").body()).contains(picked).contains("id=\"total\"");
      assertThat(rows(c.get("/console/merchant?q=CL-7").body())).hasSize(1);
      assertThat(c.get("/console/merchant?cursor=broken").status()).isEqualTo(400);

      // Print the whole first page: every row is marked printed, the list says so and offers a reprint.
      c.get("/console/merchant");
      StringBuilder form = new StringBuilder("print=page");
      rows(first.body()).forEach(wb -> form.append("&onpage=").append(wb));
      HttpResponse<byte[]> pdf = c.postForBytes("/console/merchant/labels", form.toString());
      assertThat(pdf.statusCode()).isEqualTo(200);
      assertThat(new String(pdf.body(), 0, 5)).isEqualTo("%PDF-");
      ConsoleClient.Page after = c.get("/console/merchant");
      assertThat(after.body()).contains("First printed", "Reprint label");

      // Detail: the history of the picked-up one, no cancel; another merchant's number is unknown.
      ConsoleClient.Page detail = c.get("/console/merchant/shipments/" + picked);
      assertThat(detail.status()).isEqualTo(200);
      assertThat(detail.body()).contains("id=\"history\"", "HZ-BJ01", "Picked up").doesNotContain("id=\"cancel\"")
          .doesNotContain(Fixtures.MARKERS);
      assertThat(c.get("/console/merchant/shipments/" + foreign).status()).isEqualTo(404);

      // Cancel: the button leads to a confirmation, which alone cancels.
      String open = rows(after.body()).get(0);
      ConsoleClient.Page page = c.get("/console/merchant/shipments/" + open);
      assertThat(page.body()).contains("id=\"cancel\"", "id=\"reprint\"").doesNotContain("id=\"cancel-confirm\"");
      ConsoleClient.Page confirm = c.get("/console/merchant/shipments/" + open + "/cancel");
      assertThat(confirm.body()).contains("id=\"cancel-confirm\"");
      assertThat(svc.get("/v1/shipments/" + open, shop.token()).json().get("status").asText()).isEqualTo("CREATED");
      ConsoleClient.Page done = c.post("/console/merchant/shipments/" + open + "/cancel", Map.of());
      assertThat(done.status()).as(done.body()).isEqualTo(200);
      assertThat(done.body()).contains("cancelled", "Cancelled by the shop");
      assertThat(svc.get("/v1/shipments/" + open, shop.token()).json().get("status").asText()).isEqualTo("CANCELLED");
      assertThat(c.getBytes("/console/merchant/labels/" + open + ".pdf").statusCode()).isEqualTo(409);
      c.get("/console/merchant/shipments/" + picked + "/cancel");
      assertThat(c.post("/console/merchant/shipments/" + picked + "/cancel", Map.of()).status()).isEqualTo(409);
      // Without the form's token nothing is cancelled.
      String another = rows(after.body()).get(1);
      assertThat(c.postRaw("/console/merchant/shipments/" + another + "/cancel", Map.of()).status())
          .isNotEqualTo(200);
      assertThat(svc.get("/v1/shipments/" + another, shop.token()).json().get("status").asText()).isEqualTo("CREATED");
    }
  }

  private static List<String> rows(String html) {
    List<String> out = new ArrayList<>();
    Matcher m = ROW.matcher(html);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
