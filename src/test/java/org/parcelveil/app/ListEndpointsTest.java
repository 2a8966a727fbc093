package org.parcelveil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.http.Paging;

/**
 * Every list endpoint answers {@code {items, nextCursor}} and pages alike: {@code ?limit=} up to the documented
 * maximum, {@code ?cursor=} from the previous page, a 400 naming the field for either when it is bad.
 */
class ListEndpointsTest {

  @Test
  void everyList_pagesTheSameWay() {
    try (TestService svc = TestService.start()) {
      Fixtures.network(svc);
      String security = svc.principal("security", "Analyst", null).token();
      for (int i = 0; i < 4; i++) {
        svc.principal("merchant", "Shop " + i, null);
      }
      svc.post("/v1/canaries", security, Map.of("channel", "export:list-test", "count", 3));
      Map<String, String> lists = Map.of(
          "/v1/stations", svc.adminToken,
          "/v1/principals", svc.adminToken,
          "/v1/canaries", security,
          "/v1/alerts?since=2000-01-01T00:00:00Z", security,
          "/v1/attributions?status=pending", svc.adminToken,
          "/v1/shipments", svc.principal("merchant", "Lister", null).token());
      lists.forEach((path, token) -> {
        String sep = path.contains("?") ? "&" : "?";
        JsonNode whole = get(svc, path, token);
        assertThat(whole.get("nextCursor").isNull()).as(path).isTrue();
        List<String> walked = new ArrayList<>();
        String cursor = null;
        do {
          JsonNode page = get(svc, path + sep + "limit=2" + (cursor == null ? "" : "&cursor=" + cursor), token);
          assertThat(page.get("items").size()).as(path).isLessThanOrEqualTo(2);
          page.get("items").forEach(item -> walked.add(item.toString()));
          cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        List<String> all = new ArrayList<>();
        whole.get("items").forEach(item -> all.add(item.toString()));
        assertThat(walked).as(path).doesNotHaveDuplicates().containsExactlyElementsOf(all);

        for (String bad : List.of("limit=0", "limit=" + (Paging.MAX_LIMIT + 1), "limit=x")) {
          TestService.Response r = svc.get(path + sep + bad, token);
          assertThat(r.status()).as(path + " " + bad).isEqualTo(400);
          assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("limit");
        }
        String foreign = Paging.cursor(path.startsWith("/v1/stations") ? "principals" : "stations", "x");
        for (String bad : List.of("cursor=not.a.cursor", "cursor=" + foreign)) {
          TestService.Response r = svc.get(path + sep + bad, token);
          assertThat(r.status()).as(path + " " + bad).isEqualTo(400);
          assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("cursor");
        }
        assertThat(get(svc, path + sep + "limit=" + Paging.MAX_LIMIT, token).get("items")).isNotNull();
      });
      // Enough rows that paging had something to do.
      assertThat(get(svc, "/v1/stations", svc.adminToken).get("items")).hasSize(3);
      assertThat(get(svc, "/v1/principals", svc.adminToken).get("items").size()).isGreaterThan(5);
      assertThat(get(svc, "/v1/canaries", security).get("items")).hasSize(3);
    }
  }

  @Test
  void alerts_pageBeyondTheFirstThousand_withFiltersAppliedBeforeTheCut() {
    try (TestService svc = TestService.start()) {
      String security = svc.principal("security", "Analyst", null).token();
      java.time.Instant at = svc.clock.instant();
      for (int i = 0; i < 1_005; i++) {
        svc.pv.leaks().alerts().raise(new org.parcelveil.leaks.alert.AlertDraft(
            org.parcelveil.leaks.alert.Severity.MEDIUM, "test-flood", null, null, "flood " + i, at, "flood|" + i));
      }
      svc.pv.leaks().alerts().raise(org.parcelveil.leaks.alert.AlertDraft.of(
          org.parcelveil.leaks.alert.Severity.HIGH, "test-late", null, null, "the one after the flood",
          at.plusSeconds(1)));
      String since = "/v1/alerts?since=" + at.minusSeconds(1) + "&limit=" + Paging.MAX_LIMIT;
      for (String path : List.of(since, since + "&kind=test-late", since + "&state=open")) {
        List<String> kinds = new ArrayList<>();
        String cursor = null;
        do {
          JsonNode page = get(svc, path + (cursor == null ? "" : "&cursor=" + cursor), security);
          page.get("items").forEach(item -> kinds.add(item.get("kind").asText()));
          cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        assertThat(kinds).as(path).contains("test-late");
        assertThat(kinds).as(path).hasSize(path.contains("test-late") ? 1 : 1_006);
      }
      // A forged position three million years ahead: a Java time, but none the database can compare with.
      String forged = Paging.cursor("alerts", "0000100000000000000000000000|al_x");
      TestService.Response r = svc.get(since + "&cursor=" + forged, security);
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.json().at("/errors/0/field").asText()).isEqualTo("cursor");
    }
  }

  private static JsonNode get(TestService svc, String path, String token) {
    TestService.Response r = svc.get(path, token);
    assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
    return r.json();
  }
}
