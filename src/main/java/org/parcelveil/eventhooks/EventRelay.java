package org.parcelveil.eventhooks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.parcelveil.identity.Role;
import org.parcelveil.shipment.EventFeed;
import org.parcelveil.store.Sql;
import org.parcelveil.webhook.WebhookOutbox;

/**
 * Follows shipment_events and owes each subscription its calls, so that the scan path does no webhook work at all.
 *
 * <p>Events have no global number that is safe to follow: a shipment's numbers (V100) only order its own events,
 * and a recorded time is taken before the event's transaction commits, so an event can become visible after a later
 * one. The relay therefore follows recorded time with two margins: it reads only events older than {@link #SETTLE}
 * (most transactions have committed by then), and it reads again the {@link #OVERLAP} before its cursor (an event
 * that committed late, or on a node whose clock is behind, is found on the next pass). Reading twice is harmless:
 * each call's key (subscription, waybill, event number) is unique in the outbox. An event that became visible more
 * than SETTLE + OVERLAP after its recorded time would be missed; a scan's wait for its commit is bounded far below
 * that (GroupCommit's 10 s).
 *
 * <p>The calls and the cursor's advance commit in one transaction, whose lock on the cursor row is also the relay's
 * turn: a node that finds it locked skips this pass, so nodes do not relay the same window at once.
 */
final class EventRelay {
  static final Duration SETTLE = Duration.ofSeconds(5);
  static final Duration OVERLAP = Duration.ofSeconds(60);
  private static final String CURSOR = "shipment.event";
  private final Sql sql;
  private final EventFeed feed;
  private final SubscriptionRepository subscriptions;
  private final Predicate<String> activeOwner;
  private final Clock clock;

  /** {@code activeOwner} tells whether a principal may still be called for: a revoked one's calls stop. */
  EventRelay(DataSource dataSource, EventFeed feed, SubscriptionRepository subscriptions,
      Predicate<String> activeOwner, Clock clock) {
    this.sql = Sql.over(dataSource);
    this.feed = feed;
    this.subscriptions = subscriptions;
    this.activeOwner = activeOwner;
    this.clock = clock;
  }

  /** One pass: owes the calls of the events that settled since the last pass; returns how many calls it added. */
  int runOnce() {
    return sql.inTransaction("could not relay shipment events", h -> {
      Optional<Instant> position = h.createQuery("SELECT position FROM webhook_relay_cursor WHERE name = :name "
              + "FOR UPDATE SKIP LOCKED")
          .bind("name", CURSOR).mapTo(Instant.class).findOne();
      Instant now = clock.instant();
      Instant to = now.minus(SETTLE);
      if (position.isEmpty() || !to.isAfter(position.get())) {
        return 0; // another node's turn, or nothing settled yet
      }
      Map<String, Boolean> active = new HashMap<>();
      List<Subscription> all = subscriptions.all().stream()
          .filter(s -> active.computeIfAbsent(s.ownerId(), activeOwner::test)).toList();
      Set<String> merchants = owners(all, Role.MERCHANT);
      Set<String> platforms = owners(all, Role.PLATFORM);
      // Read on a connection of its own: on Citus this transaction then writes reference tables only.
      int added = 0;
      for (EventFeed.Recorded e : feed.between(position.get().minus(OVERLAP), to, merchants, platforms)) {
        for (Subscription s : all) {
          if (s.follows(e.waybill(), e.merchantId(), e.platformId(), e.recordedAt())
              && WebhookOutbox.enqueueOnce(h, EventTarget.KIND, EventCall.of(s.id(), e).payload(), now, s.id(),
                  EventCall.dedupKey(s.id(), e))) {
            added++;
          }
        }
      }
      h.createUpdate("UPDATE webhook_relay_cursor SET position = :to WHERE name = :name")
          .bind("to", to).bind("name", CURSOR).execute();
      return added;
    });
  }

  private static Set<String> owners(List<Subscription> all, Role role) {
    return all.stream().filter(s -> s.ownerRole() == role).map(Subscription::ownerId).collect(Collectors.toSet());
  }
}
