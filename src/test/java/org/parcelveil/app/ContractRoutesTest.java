package org.parcelveil.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.parcelveil.http.Json;

/**
 * The routes the service registers and the operations of {@code openapi.json} are the same set, so an endpoint
 * nobody documented (or a documented one that is gone) fails the build. The console's pages and forms and the
 * public pages are not part of the API contract.
 */
class ContractRoutesTest {

  @Test
  void everyApiRoute_isAnOperationOfTheContract_andBack() throws Exception {
    Set<String> contract = new TreeSet<>();
    try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
      JsonNode paths = Json.mapper().readTree(in).get("paths");
      paths.fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
        if (Set.of("get", "post", "put", "patch", "delete").contains(m)) {
          contract.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
        }
      }));
    }
    Set<String> served = new TreeSet<>();
    try (TestService svc = TestService.start()) {
      for (String route : svc.server.routes()) {
        String path = route.substring(route.indexOf(' ') + 1);
        if (isApi(path)) {
          // Javalin writes a parameter that may hold slashes as <name>; the contract as {name}.
          served.add(route.replace('<', '{').replace('>', '}'));
        }
      }
    }
    assertThat(served).as("routes the service registers").isNotEmpty().contains("POST /v1/shipments");
    assertThat(served).as("routes missing from openapi.json").isSubsetOf(contract);
    assertThat(contract).as("operations of openapi.json the service does not serve").isSubsetOf(served);
  }

  private static boolean isApi(String path) {
    return path.startsWith("/v1/") || path.equals("/health") || path.equals("/metrics")
        || path.equals("/openapi.json");
  }
}
