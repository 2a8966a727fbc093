package org.parcelveil.leaks.alert;

import io.micrometer.core.instrument.binder.MeterBinder;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.parcelveil.access.Principals;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.identity.Principal;
import org.parcelveil.webhook.WebhookOutbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores raised alerts, lists them for security staff, owes each one a webhook call (sent by the outbox's delivery
 * job), and suspends the principal an alert names (its tokens revoked at once, the suspension audit-logged).
 */
public final class Alerts implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);
  public static final int MAX_LIST = 1000;
  private final AlertRepository repository;
  private final Principals principals;
  private final AuditLog audit;
  private final Optional<AlertWebhook> webhook;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final AlertCounts counts = new AlertCounts();

  public Alerts(AlertRepository repository, Principals principals, AuditLog audit, Optional<AlertWebhook> webhook,
      Clock clock) {
    this.repository = repository;
    this.principals = principals;
    this.audit = audit;
    this.webhook = webhook;
    this.clock = clock;
  }

  @Override
  public Alert raise(AlertDraft d) {
    byte[] id = new byte[10];
    random.nextBytes(id);
    Alert a = new Alert("al_" + HexFormat.of().formatHex(id), d.severity(), d.kind(), d.principalId(), d.waybill(),
        d.detail(), d.at(), null);
    // The webhook call is owed in the alert's own transaction: an alert stored is an alert that will be sent.
    repository.insert(a, h -> {
      if (webhook.isPresent()) {
        WebhookOutbox.enqueue(h, AlertWebhook.TARGET, AlertWebhook.payload(a), clock.instant());
      }
    });
    counts.count(a);
    // Ids and kinds only: the detail may name channels, which operators' log pipelines need not hold.
    LOG.warn("leak alert {} {} {}", a.id(), a.severity().wireName(), a.kind());
    return a;
  }

  /** Counts of the alerts raised on this node, by kind and severity, for the metrics. */
  public MeterBinder metrics() {
    return counts;
  }

  public List<Alert> since(Instant since) {
    return repository.since(since, MAX_LIST);
  }

  /**
   * Alerts raised at or after {@code since} (at most {@value #MAX_LIST}, oldest first), narrowed to a state and a
   * kind when given.
   */
  public List<Alert> since(Instant since, @Nullable AlertState state, @Nullable String kind) {
    return since(since).stream().filter(a -> state == null || a.state() == state)
        .filter(a -> kind == null || a.kind().equals(kind)).toList();
  }

  /**
   * One page of the alerts raised at or after {@code since}, oldest first (the id breaks ties), narrowed to a state
   * and a kind when given: read a page at a time from the table, so every alert can be reached however many there are.
   */
  public Page<Alert> page(Instant since, @Nullable AlertState state, @Nullable String kind, Paging.Request request) {
    Paging.TimeAndId after = request.after() == null ? null : Paging.timeAndId(request.after());
    List<Alert> fetched = repository.page(since, after == null ? null : after.at(), after == null ? null : after.id(),
        state, kind, request.fetch());
    return Paging.page(request, fetched, a -> Paging.timePosition(a.at(), a.id()));
  }

  public Optional<Alert> find(String id) {
    return repository.find(id);
  }

  /**
   * Records that {@code actor} looked at the alert, logged first ({@code alert.acknowledge}) as every act on an
   * alert is; false if it was acknowledged already (then nothing is logged).
   */
  public boolean acknowledge(Principal actor, Alert a) {
    if (a.acknowledgedAt() != null) {
      return false;
    }
    audit.append(AuditRecord.admin("alert.acknowledge", actor.id(), actor.role().wireName(), a.id()));
    return repository.markAcknowledged(a.id(), actor.id(), clock.instant());
  }

  /** Revokes the principal an alert names; false if it names none or the principal was revoked already. */
  public boolean suspend(Principal actor, Alert a) {
    if (a.principalId() == null) {
      return false;
    }
    audit.append(AuditRecord.admin("alert.suspend", actor.id(), actor.role().wireName(), a.id()));
    boolean revoked = suspendPrincipal(actor, a.principalId());
    repository.markSuspended(a.id(), actor.id(), clock.instant());
    return revoked;
  }

  /** Revokes a principal's tokens at once (Principals.revoke logs it); false if unknown or already revoked. */
  public boolean suspendPrincipal(Principal actor, String principalId) {
    return principals.revoke(actor, principalId);
  }
}
