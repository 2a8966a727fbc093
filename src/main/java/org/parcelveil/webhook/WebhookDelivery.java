package org.parcelveil.webhook;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the outbox's calls, at least once each: every second it claims the due calls of its targets, posts each
 * signed ({@code X-PV-Timestamp}, {@code X-PV-Signature} = hex HMAC-SHA256(secret, timestamp + "." + body), and
 * {@code X-PV-Event-Id}, the same on every try), marks a 2xx as delivered and schedules anything else again on the
 * {@link RetrySchedule}. One per node; nodes share the work through the claims.
 */
public final class WebhookDelivery implements MeterBinder, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
  /** How long one call may take, connecting included; the lease covers two. */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final int BATCH = 20;
  private static final Duration KEEP_SETTLED = Duration.ofDays(7);
  private static final List<String> OUTCOMES = List.of("delivered", "failed", "abandoned");

  private final WebhookOutbox outbox;
  private final Map<String, WebhookTarget> targets;
  private final RetrySchedule schedule;
  private final Clock clock;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> oldestMillis = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;
  private long runs;

  public WebhookDelivery(DataSource dataSource, List<WebhookTarget> targets, RetrySchedule schedule, Clock clock) {
    this.outbox = new WebhookOutbox(dataSource);
    this.targets = targets.stream().collect(Collectors.toUnmodifiableMap(WebhookTarget::kind, Function.identity()));
    this.schedule = schedule;
    this.clock = clock;
    for (String kind : this.targets.keySet()) {
      OUTCOMES.forEach(o -> outcomes.put(kind + "|" + o, new AtomicLong()));
      pending.put(kind, new AtomicLong());
      oldestMillis.put(kind, new AtomicLong());
    }
  }

  /** Starts the job on a daemon thread; nothing to do without targets. */
  public synchronized void start() {
    if (scheduler != null || targets.isEmpty()) {
      return;
    }
    scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pv-webhook-delivery");
      t.setDaemon(true);
      return t;
    });
    scheduler.scheduleWithFixedDelay(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  private void tick() {
    try {
      while (runOnce() == BATCH) {
        // a full batch: more may be due
      }
      if (runs++ % 10 == 0) {
        refreshBacklog();
      }
      if (runs % 3600 == 0) {
        outbox.purge(clock.instant().minus(KEEP_SETTLED));
      }
    } catch (RuntimeException e) {
      LOG.warn("webhook delivery paused: {}", e.getClass().getSimpleName());
    }
  }

  /** Claims and sends the calls due now (at most one batch); returns how many it claimed. */
  int runOnce() {
    Instant now = clock.instant();
    List<WebhookOutbox.Row> rows = outbox.claim(targets.keySet(), now, now.plus(schedule.lease()), BATCH);
    for (WebhookOutbox.Row row : rows) {
      send(row, targets.get(row.target()));
    }
    return rows.size();
  }

  private void send(WebhookOutbox.Row row, WebhookTarget target) {
    Optional<WebhookCall> call = target.call(row.payload());
    if (call.isEmpty()) {
      settle(row, target, "abandoned", "gone");
      return;
    }
    String outcome;
    try {
      WebhookCall c = call.get();
      if (c.publicOnly()) {
        PublicAddresses.requirePublic(c.uri());
      }
      byte[] body = c.body();
      String ts = Long.toString(clock.instant().getEpochSecond());
      HttpRequest request = HttpRequest.newBuilder(c.uri()).timeout(CALL_TIMEOUT)
          .header("Content-Type", "application/json")
          .header("X-PV-Event-Id", row.id())
          .header("X-PV-Timestamp", ts)
          .header("X-PV-Signature", c.signature().sign(ts, body))
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      int status = exchange(request);
      if (status >= 200 && status < 300) {
        settle(row, target, "delivered", Integer.toString(status));
        return;
      }
      outcome = Integer.toString(status);
    } catch (IOException | RuntimeException e) {
      outcome = e.getClass().getSimpleName();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return; // closing: the lease runs out and a node tries again
    }
    Instant now = clock.instant();
    if (now.isAfter(row.createdAt().plus(schedule.giveUpAfter()))) {
      settle(row, target, "abandoned", outcome);
      return;
    }
    Duration delay = schedule.delayAfter(row.attempt(), ThreadLocalRandom.current());
    outcomes.get(target.kind() + "|failed").incrementAndGet();
    LOG.warn("{} webhook call {} (try {}) not accepted: {}; next try in {} s", target.kind(), row.id(), row.attempt(),
        outcome, delay.toSeconds());
    outbox.retryAt(row, outcome, now, now.plus(delay));
  }

  /**
   * Sends one call and reads its answer, all within {@link #CALL_TIMEOUT}: the request's own timeout ends only the wait
   * for the answer's headers, and a receiver that then never sends the body it announced would hold this, the node's
   * one sender, and every other subscriber's calls behind it.
   */
  private int exchange(HttpRequest request) throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<Void>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      return answer.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).statusCode();
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new HttpTimeoutException("no whole answer within " + CALL_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause().getClass().getSimpleName());
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    }
  }

  private void settle(WebhookOutbox.Row row, WebhookTarget target, String result, String outcome) {
    if (result.equals("delivered")) {
      outbox.delivered(row, outcome, clock.instant());
      LOG.debug("{} webhook call {} delivered on try {}", target.kind(), row.id(), row.attempt());
    } else {
      outbox.abandoned(row, outcome, clock.instant());
      LOG.error("{} webhook call {} abandoned after {} tries: {}", target.kind(), row.id(), row.attempt(), outcome);
    }
    outcomes.get(target.kind() + "|" + result).incrementAndGet();
  }

  private void refreshBacklog() {
    Map<String, WebhookOutbox.Backlog> backlog = outbox.backlog(targets.keySet());
    for (String kind : targets.keySet()) {
      WebhookOutbox.Backlog b = backlog.get(kind);
      pending.get(kind).set(b == null ? 0 : b.pending());
      oldestMillis.get(kind).set(b == null ? 0 : b.oldest().toEpochMilli());
    }
  }

  /**
   * {@code pv_webhook_calls_total{target, outcome}}: tries delivered, failed (to be tried again) and abandoned;
   * {@code pv_webhook_pending{target}} and {@code pv_webhook_oldest_pending_seconds{target}}, refreshed every 10 s.
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    for (String kind : targets.keySet()) {
      for (String o : OUTCOMES) {
        FunctionCounter.builder("pv.webhook.calls", outcomes.get(kind + "|" + o), AtomicLong::get)
            .description("Webhook calls by outcome").tag("target", kind).tag("outcome", o).register(registry);
      }
      Gauge.builder("pv.webhook.pending", pending.get(kind), AtomicLong::get)
          .description("Webhook calls not yet delivered").tag("target", kind).register(registry);
      AtomicLong oldest = oldestMillis.get(kind);
      Gauge.builder("pv.webhook.oldest.pending", oldest, o -> o.get() == 0 ? 0
              : Math.max(0, clock.millis() - o.get()) / 1000.0)
          .description("Age of the oldest webhook call not yet delivered").baseUnit("seconds").tag("target", kind)
          .register(registry);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
