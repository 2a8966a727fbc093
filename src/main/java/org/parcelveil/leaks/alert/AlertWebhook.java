package org.parcelveil.leaks.alert;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parcelveil.http.Json;
import org.parcelveil.relay.WebhookSignature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert to the security team's endpoint, signed like the relay's webhooks: {@code X-PV-Timestamp} (Unix
 * seconds) and {@code X-PV-Signature} = hex HMAC-SHA256(secret, timestamp + "." + body). Fire and forget: a slow
 * or failing receiver never holds up detection; the alert is stored either way.
 */
public final class AlertWebhook {
  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
  private final URI target;
  private final WebhookSignature signature;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public AlertWebhook(URI target, WebhookSignature signature, Clock clock) {
    this.target = target;
    this.signature = signature;
    this.clock = clock;
  }

  public void send(Alert a) {
    try {
      Map<String, Object> body = new LinkedHashMap<>(AlertView.of(a).asMap());
      byte[] bytes = Json.mapper().writeValueAsBytes(body);
      String ts = Long.toString(clock.instant().getEpochSecond());
      HttpRequest request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(10))
          .header("Content-Type", "application/json")
          .header("X-PV-Timestamp", ts)
          .header("X-PV-Signature", signature.sign(ts, bytes))
          .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build();
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
        if (e != null || r.statusCode() >= 300) {
          LOG.warn("alert webhook did not accept alert {}: {}", a.id(), e != null ? e.getClass().getSimpleName() : r.statusCode());
        }
      });
    } catch (Exception e) {
      LOG.warn("alert webhook failed for alert {}: {}", a.id(), e.getClass().getSimpleName());
    }
  }
}
