package org.parcelveil.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.CapturedLogs;
import org.parcelveil.app.Fixtures;
import org.parcelveil.app.TestService;
import org.parcelveil.tracking.Parcels;

/**
 * Marked personal data sent to verification and tracking, good requests and bad: none of it reaches a log line, a
 * problem document, an answer, or a row of the verification tables.
 */
class VerificationLeakTest {

  @Test
  void markedData_appearsInNoLogAnswerOrRecord() throws Exception {
    List<String> out = new ArrayList<>();
    try (CapturedLogs logs = new CapturedLogs(); TestService svc = TestService.start()) {
      Parcels p = new Parcels(svc);
      String platform = svc.principal("platform", "Market", null).token();
      Instant ordered = svc.clock.instant().minusSeconds(60);
      String wb = p.create("LEAK-V");
      p.toDestination(wb, 900);
      out.add(svc.post("/v1/verifications", platform, VerificationApiTest.order(wb, "LV-1", ordered)).body());
      Map<String, Object> other = VerificationApiTest.order(wb, "LV-2", ordered);
      other.put("recipientPhone", "13900" + Fixtures.MARK_PHONE_DIGITS);
      out.add(svc.post("/v1/verifications", platform, other).body());
      Map<String, Object> typed = VerificationApiTest.order(Fixtures.MARK_NAME + Fixtures.MARK_PHONE, "LV-3", ordered);
      out.add(svc.post("/v1/verifications", platform, typed).body());
      Map<String, Object> bad = VerificationApiTest.order(wb, Fixtures.MARK_NAME, ordered);
      bad.put("recipientPhone", Fixtures.MARK_NAME + Fixtures.MARK_PHONE);
      bad.put("destination", Map.of("province", Fixtures.MARK_STREET, "city", "\u0000" + Fixtures.MARK_DETAIL));
      out.add(svc.post("/v1/verifications", platform, bad).body());
      out.add(svc.get("/v1/track/" + wb + "?phoneLast4=4321", null).body().replace("*******4321", "masked"));
      out.add(svc.get("/v1/track/" + Fixtures.MARK_PHONE, null).body());
      out.add(svc.get("/metrics", svc.adminToken).body());
      out.addAll(rows(svc, "verification_requests"));
      out.addAll(rows(svc, "waybill_claims"));
      out.addAll(logs.lines());
    }
    String all = String.join("\n", out);
    for (String marker : Fixtures.MARKERS) {
      assertThat(all).as(marker).doesNotContain(marker);
    }
    assertThat(all).doesNotContain(Fixtures.MARK_PHONE, "13900");
  }

  private static List<String> rows(TestService svc, String table) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = svc.pv.database().connection();
        ResultSet rs = c.createStatement().executeQuery("SELECT * FROM " + table)) {
      while (rs.next()) {
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          out.add(String.valueOf(rs.getObject(i)));
        }
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }
}
