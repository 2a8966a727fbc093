package org.parcelveil.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code /metrics} has what an operator watches (pools, JVM, audit writer, checkpoints, alerts, webhooks), labelled
 * with fixed names only: no waybill, phone, name or raw path in it.
 */
class OperatorMetricsTest {

  @Test
  void metrics_coverPoolsJvmAuditAlertsAndWebhooks_withoutPersonalData() {
    // A webhook nobody listens on: its calls stay pending, which the metrics must show.
    URI deadHook = URI.create("http://127.0.0.1:9/hook");
    try (TestService svc = TestService.start("postgres", s -> s.withLeaks(s.leaks().withWebhook(deadHook)))) {
      Fixtures.network(svc);
      String merchant = svc.principal("merchant", "Shop", null).token();
      String security = svc.principal("security", "Sec", null).token();
      TestService.Response created = svc.post("/v1/shipments", merchant, Fixtures.shipment("M-1"));
      assertThat(created.status()).isEqualTo(201);
      String waybill = created.json().get("waybill").asText();
      svc.get("/v1/shipments/" + waybill, merchant);
      String canary = svc.post("/v1/canaries", security, Map.of("channel", "station:HZ-XH01", "count", 1)).json()
          .get("waybills").get(0).asText();
      svc.get("/v1/shipments/" + canary, svc.adminToken);
      svc.pv.leaks().engine().flush();
      svc.pv.audit().publisher().publishNow();

      String metrics = svc.get("/metrics", svc.adminToken).body();

      assertThat(metrics).contains("hikaricp_connections_active{pool=\"pv-main\"}",
          "hikaricp_connections_active{pool=\"pv-keys\"}", "hikaricp_connections_pending{pool=\"pv-main\"}",
          "hikaricp_connections_acquire_seconds_count{pool=\"pv-main\"}");
      assertThat(metrics).contains("jvm_memory_used_bytes{", "jvm_gc_memory_allocated_bytes_total",
          "jvm_threads_live_threads", "process_cpu_usage", "process_uptime_seconds");
      assertThat(metrics).contains("pv_audit_queue_depth", "pv_audit_batch_size_count", "pv_audit_batch_retries_total",
          "pv_audit_append_seconds_count{outcome=\"committed\"}");
      assertThat(value(metrics, "pv_audit_append_seconds_count\\{outcome=\"committed\"}")).isPositive();
      assertThat(value(metrics, "pv_audit_checkpoint_age_seconds")).isBetween(0.0, 5.0);
      assertThat(value(metrics, "pv_leak_alerts_total\\{kind=\"canary_touched\",severity=\"critical\"}"))
          .isEqualTo(1.0);
      assertThat(metrics).contains("pv_webhook_calls_total{outcome=\"delivered\",target=\"alerts\"}",
          "pv_webhook_pending{target=\"alerts\"}", "pv_webhook_oldest_pending_seconds{target=\"alerts\"}");

      assertThat(metrics).doesNotContain(waybill, canary, Fixtures.MARK_PHONE, "13800001111", Fixtures.MARK_NAME,
          "route=\"/v1/shipments/" + waybill.substring(0, 4));
    }
  }

  private static double value(String metrics, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
    assertThat(m.find()).as(series).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
