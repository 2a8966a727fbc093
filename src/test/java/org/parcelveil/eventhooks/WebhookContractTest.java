package org.parcelveil.eventhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parcelveil.http.Json;

/** The webhooks' operations in openapi.json: each with an operationId, a described success and its 4XX problems. */
class WebhookContractTest {

  @Test
  void everyWebhookOperation_hasAnIdItsSchemasAndProblems() throws Exception {
    JsonNode api;
    try (InputStream in = WebhookContractTest.class.getResourceAsStream("/openapi.json")) {
      api = Json.mapper().readTree(in);
    }
    JsonNode schemas = api.path("components").path("schemas");
    for (String[] op : List.of(new String[] {"/v1/webhooks", "post", "201"}, new String[] {"/v1/webhooks", "get", "200"},
        new String[] {"/v1/webhooks/{id}", "delete", "204"},
        new String[] {"/v1/webhooks/{id}/deliveries", "get", "200"})) {
      JsonNode o = api.path("paths").path(op[0]).path(op[1]);
      assertThat(o.path("operationId").asText()).as(op[0] + " " + op[1]).isNotEmpty();
      assertThat(o.path("responses").has(op[2])).as(op[0] + " " + op[1]).isTrue();
      assertThat(o.path("responses").has("401") && o.path("responses").has("403")).isTrue();
      o.findValues("$ref").forEach(ref -> assertThat(schemas.has(ref.asText().replace("#/components/schemas/", "")))
          .as(ref.asText()).isTrue());
    }
    assertThat(schemas.path("WebhookCreated").toString()).contains("secret");
    assertThat(schemas.path("Webhook").toString()).doesNotContain("secret");
  }
}
