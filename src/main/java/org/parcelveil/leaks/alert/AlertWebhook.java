package org.parcelveil.leaks.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.http.Json;
import org.parcelveil.webhook.WebhookCall;
import org.parcelveil.webhook.WebhookSignature;
import org.parcelveil.webhook.WebhookTarget;

/**
 * The security team's alert endpoint, as a webhook target: each alert is owed one call (written with the alert, see
 * {@link Alerts#raise}), whose body is the alert as the API shows it, signed with the secret {@code alerts-webhook}.
 * The outbox row holds only the alert's id; the body is read from the alert when sent.
 */
public final class AlertWebhook implements WebhookTarget {
  /** The outbox's target kind for alerts. */
  public static final String TARGET = "alerts";
  private final URI target;
  private final WebhookSignature signature;
  private final AlertRepository alerts;

  public AlertWebhook(URI target, WebhookSignature signature, AlertRepository alerts) {
    this.target = target;
    this.signature = signature;
    this.alerts = alerts;
  }

  @Override
  public String kind() {
    return TARGET;
  }

  /** The outbox payload for an alert: its id, nothing else. */
  static String payload(Alert a) {
    return write(Map.of("alertId", a.id()));
  }

  /** The alert's call: to the configured address, which the operator chose (so it may be a private one). */
  @Override
  public Optional<WebhookCall> call(String payload) {
    String id;
    try {
      id = Json.mapper().readTree(payload).path("alertId").asText("");
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
    return alerts.find(id).map(a -> new WebhookCall(target, signature,
        write(AlertView.of(a).asMap()).getBytes(java.nio.charset.StandardCharsets.UTF_8), false));
  }

  private static String write(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert could not be written as JSON", e);
    }
  }
}
