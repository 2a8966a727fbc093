package org.parcelveil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class OperationsTest {

  @Test
  void healthMetricsAndOpenApi_areServed() {
    try (TestService svc = TestService.start()) {
      assertThat(svc.get("/health", null).json().get("status").asText()).isEqualTo("UP");
      svc.get("/v1/stations", svc.adminToken);
      String metrics = svc.get("/metrics", svc.adminToken).body();
      assertThat(metrics).contains("http_server_requests_seconds_count{method=\"GET\",route=\"/v1/stations\",status=\"200\"}");
      JsonNode api = svc.get("/openapi.json", null).json();
      assertThat(api.get("openapi").asText()).startsWith("3.1");
      List<String> contract = List.of("/v1/stations", "/v1/principals", "/v1/principals/{id}", "/v1/shipments",
          "/v1/shipments/batch", "/v1/shipments/{waybill}", "/v1/shipments/{waybill}/label", "/v1/labels",
          "/v1/scans", "/v1/shipments/{waybill}/events", "/v1/shipments/{waybill}/reveal",
          "/v1/shipments/{waybill}/contact", "/v1/track/{waybill}", "/v1/verifications", "/v1/audit/checkpoint",
          "/v1/audit/key", "/v1/audit/entries", "/v1/audit/proofs/inclusion", "/v1/audit/proofs/consistency",
          "/v1/canaries", "/v1/alerts", "/v1/attributions", "/v1/subjects/challenge", "/v1/subjects/session",
          "/v1/subjects/shipments", "/v1/subjects/export", "/v1/subjects/disclosures", "/v1/subjects/erase", "/v1/intake/key", "/v1/orders", "/health", "/metrics", "/openapi.json");
      contract.forEach(p -> assertThat(api.get("paths").has(p)).as(p).isTrue());
    }
  }
}
