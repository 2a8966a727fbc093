package org.parcelveil.eventhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.parcelveil.http.Json;
import org.parcelveil.shipment.EventFeed;

/**
 * The outbox payload of one tracking webhook call, and the body it becomes. The payload is the subscription's id
 * and the body's fields; the body is exactly {@code {"type": "shipment.event", "waybill", "event": {"type", "at",
 * "stationCode"}}}, the same bytes on every try. Neither holds anything about a shipment's people.
 */
record EventCall(String subscriptionId, String waybill, String eventType, String at, @Nullable String stationCode) {

  static EventCall of(String subscriptionId, EventFeed.Recorded e) {
    return new EventCall(subscriptionId, e.waybill(), e.type(), e.at().toString(), e.stationCode());
  }

  /** The key that makes the relay owe this call once: the subscription, the shipment and the event's number. */
  static String dedupKey(String subscriptionId, EventFeed.Recorded e) {
    return subscriptionId + "|" + e.waybill() + "|" + e.seq();
  }

  String payload() {
    ObjectNode p = Json.mapper().createObjectNode();
    p.put("subscription", subscriptionId);
    p.set("body", bodyNode());
    return write(p);
  }

  byte[] body() {
    return write(bodyNode()).getBytes(StandardCharsets.UTF_8);
  }

  private ObjectNode bodyNode() {
    ObjectNode body = Json.mapper().createObjectNode();
    body.put("type", Subscription.SHIPMENT_EVENT);
    body.put("waybill", waybill);
    ObjectNode event = body.putObject("event");
    event.put("type", eventType);
    event.put("at", at);
    if (stationCode == null) {
      event.putNull("stationCode");
    } else {
      event.put("stationCode", stationCode);
    }
    return body;
  }

  /** Reads a payload back; empty if it is not one (it then counts as gone). */
  static Optional<EventCall> parse(String payload) {
    try {
      JsonNode p = Json.mapper().readTree(payload);
      JsonNode body = p.path("body");
      JsonNode event = body.path("event");
      if (!p.path("subscription").isTextual() || !body.path("waybill").isTextual()) {
        return Optional.empty();
      }
      return Optional.of(new EventCall(p.get("subscription").asText(), body.get("waybill").asText(),
          event.path("type").asText(), event.path("at").asText(),
          event.path("stationCode").isTextual() ? event.get("stationCode").asText() : null));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static String write(JsonNode node) {
    try {
      return Json.mapper().writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a webhook call could not be written as JSON", e);
    }
  }
}
