package org.parcelveil.eventhooks;

import java.util.Optional;
import java.util.function.Predicate;
import org.parcelveil.webhook.WebhookCall;
import org.parcelveil.webhook.WebhookTarget;

/**
 * Tracking webhooks as one outbox target: each row names its subscription, whose URL and secret are read when the
 * call is sent, so a deleted subscription's calls are dropped ("gone"), and so are those owed to a principal revoked
 * since they were queued. The URL is the subscriber's choice, so it
 * must resolve to public addresses unless the operator allows private ones.
 */
final class EventTarget implements WebhookTarget {
  /** The outbox's target kind of tracking webhooks. */
  static final String KIND = "shipment-events";
  private final SubscriptionRepository subscriptions;
  private final SubscriptionSecrets secrets;
  private final Predicate<String> activeOwner;
  private final boolean allowPrivateTargets;

  EventTarget(SubscriptionRepository subscriptions, SubscriptionSecrets secrets, Predicate<String> activeOwner,
      boolean allowPrivateTargets) {
    this.subscriptions = subscriptions;
    this.secrets = secrets;
    this.activeOwner = activeOwner;
    this.allowPrivateTargets = allowPrivateTargets;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public Optional<WebhookCall> call(String payload) {
    return EventCall.parse(payload).flatMap(call -> subscriptions.find(call.subscriptionId())
        .filter(s -> activeOwner.test(s.subscription().ownerId()))
        .map(s -> new WebhookCall(s.subscription().url(), secrets.signature(s.subscription().id(), s.secret()),
            call.body(), !allowPrivateTargets)));
  }
}
