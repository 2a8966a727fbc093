package org.parcelveil.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.parcelveil.http.Json;

/** A small HTTP client for harnesses that talk to a service process. */
final class ApiClient {
  record Reply(int status, JsonNode json, String body) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final String base;

  ApiClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  Reply get(String path, String token) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
  }

  Reply post(String path, String token, Object body) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body))), token);
  }

  private Reply send(HttpRequest.Builder b, String token) throws Exception {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json = null;
    String type = r.headers().firstValue("Content-Type").orElse("");
    if (type.contains("json") && !r.body().isEmpty()) {
      json = Json.mapper().readTree(r.body());
    }
    return new Reply(r.statusCode(), json, r.body());
  }
}
