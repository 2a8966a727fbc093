package org.parcelveil.eventhooks;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.validation.FieldError;
import org.parcelveil.webhook.DeliveryLog;
import org.parcelveil.webhook.PublicAddresses;

/**
 * Merchants' and platforms' tracking webhooks: made (with a secret shown once), listed, deleted, and their delivery
 * logs; each caller sees and deletes only its own, and another's is answered as missing (404), never as forbidden.
 */
final class Subscriptions {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_URL = 2000;
  private final SubscriptionRepository repository;
  private final SubscriptionSecrets secrets;
  private final Shipments shipments;
  private final DeliveryLog log;
  private final EventHookSettings settings;
  private final Clock clock;

  /** A new subscription and its secret, which is shown this once. */
  record Created(Subscription subscription, String secret) {
    @Override
    public String toString() {
      return "Created[" + subscription.id() + ", secret=[REDACTED]]";
    }
  }

  Subscriptions(SubscriptionRepository repository, SubscriptionSecrets secrets, Shipments shipments,
      DeliveryLog log, EventHookSettings settings, Clock clock) {
    this.repository = repository;
    this.secrets = secrets;
    this.shipments = shipments;
    this.log = log;
    this.settings = settings;
    this.clock = clock;
  }

  Created create(Principal caller, @Nullable String url, @Nullable List<String> events, @Nullable String waybill) {
    List<FieldError> errors = new ArrayList<>();
    URI target = target(url, errors);
    if (events == null || events.isEmpty()) {
      errors.add(new FieldError("events", "must name at least one event type: " + Subscription.SHIPMENT_EVENT));
    } else if (!events.stream().allMatch(Subscription.SHIPMENT_EVENT::equals)) {
      errors.add(new FieldError("events", "the only event type is " + Subscription.SHIPMENT_EVENT));
    }
    if (waybill != null && !shipments.isWellFormed(waybill)) {
      errors.add(new FieldError("waybill", "is not a waybill number"));
    }
    if (!errors.isEmpty()) {
      throw ApiException.invalid(errors);
    }
    if (waybill != null && shipments.find(waybill).filter(s -> owns(caller, s)).isEmpty()) {
      throw ApiException.notFound("No such shipment.");
    }
    String id = "whs_" + HexFormat.of().formatHex(randomBytes());
    Subscription s = new Subscription(id, caller.id(), caller.role(), target,
        List.of(Subscription.SHIPMENT_EVENT), waybill, clock.instant());
    String secret = SubscriptionSecrets.generate();
    if (!repository.insert(s, secrets.seal(id, secret), settings.perCaller())) {
      throw ApiException.conflict("A caller may hold at most " + settings.perCaller() + " webhooks; delete one first.",
          Map.of("limit", settings.perCaller()));
    }
    return new Created(s, secret);
  }

  List<Subscription> of(Principal caller) {
    return repository.ofOwner(caller.id());
  }

  void delete(Principal caller, String id) {
    if (!repository.delete(id, caller.id())) {
      throw missing();
    }
  }

  Page<DeliveryLog.Delivery> deliveries(Principal caller, String id, Paging.Request request) {
    own(caller, id);
    return log.of(id, request);
  }

  private Subscription own(Principal caller, String id) {
    return repository.find(id).map(SubscriptionRepository.Sealed::subscription)
        .filter(s -> s.ownerId().equals(caller.id())).orElseThrow(Subscriptions::missing);
  }

  private static ApiException missing() {
    return ApiException.notFound("No such webhook.");
  }

  /** A merchant follows its own shipments; a platform those made from its orders. */
  private static boolean owns(Principal caller, Shipment s) {
    return caller.role() == Role.PLATFORM
        ? s.sealedOrder() != null && s.sealedOrder().platformId().equals(caller.id())
        : s.merchantId().equals(caller.id());
  }

  /** The URL, checked for its form and, unless private targets are allowed, for the addresses it resolves to now. */
  private @Nullable URI target(@Nullable String url, List<FieldError> errors) {
    if (url == null || url.isBlank()) {
      errors.add(new FieldError("url", "is required"));
      return null;
    }
    if (url.length() > MAX_URL) {
      errors.add(new FieldError("url", "must be at most " + MAX_URL + " characters"));
      return null;
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      errors.add(new FieldError("url", "is not a URL"));
      return null;
    }
    Optional<String> form = PublicAddresses.formProblem(uri);
    if (form.isPresent()) {
      errors.add(new FieldError("url", form.get()));
      return null;
    }
    if (!settings.allowPrivateTargets()) {
      try {
        PublicAddresses.requirePublic(uri);
      } catch (IOException e) {
        // One answer for a blocked host (BlockedAddressException is an IOException) and one that does not resolve:
        // which inner names resolve on the service's network is no caller's business.
        errors.add(new FieldError("url", "must be a host that resolves to public addresses only (not loopback, "
            + "private, link-local or metadata)"));
      }
    }
    return uri;
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }
}
