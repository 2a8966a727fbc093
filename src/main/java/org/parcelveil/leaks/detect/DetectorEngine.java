package org.parcelveil.leaks.detect;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.parcelveil.observe.AccessEvent;
import org.parcelveil.observe.AccessObserver;
import org.parcelveil.leaks.alert.AlertDraft;
import org.parcelveil.leaks.alert.AlertSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the detectors over the stream of access events. Requests only enqueue (never wait on detection); one worker
 * thread applies every detector in order, raises alerts (one per key per cool-down) and moves time on for the
 * detectors that look for what did not happen. {@link #process} runs an event synchronously (simulations).
 */
public final class DetectorEngine implements AccessObserver, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DetectorEngine.class);
  static final Duration TICK = Duration.ofMinutes(1);
  private static final int QUEUE = 100_000;

  private final List<Detector> detectors;
  private final DormantWake dormant;
  private final AlertSink sink;
  private final Duration cooldown;
  private final Clock clock;
  private final Map<String, Instant> lastRaised = new HashMap<>();
  private final BlockingQueue<AccessEvent> queue = new ArrayBlockingQueue<>(QUEUE);
  private final AtomicLong dropped = new AtomicLong();
  private final Consumer<AlertDraft> raise = this::raise;
  private Instant lastTick = Instant.EPOCH;
  private volatile Thread worker;

  public DetectorEngine(DetectorSettings s, CanaryCheck canaries, ScopeResolver scope, UnaryOperator<String> clientTag,
      AlertSink sink, Clock clock) {
    this.dormant = new DormantWake(s);
    this.detectors = List.of(new CanaryTouch(canaries, clientTag), new RefusalBurst(s), new OutOfScope(s, scope),
        new RevealVolume(s), new HarvestPattern(s), new OffShift(s), dormant, new RentedAccount(s),
        new TrackingEnumeration(s, clientTag), new VerificationProbe(s));
    this.sink = sink;
    this.cooldown = s.cooldown();
    this.clock = clock;
  }

  /** Enqueues; never blocks. When the queue is full the event is dropped, counted and the count logged. */
  @Override
  public void record(AccessEvent event) {
    if (!queue.offer(event)) {
      long n = dropped.incrementAndGet();
      // Detection is blind to what it drops: say so on the first drop and every 10,000th after, not per request.
      if (n % 10_000 == 1) {
        LOG.warn("leak detectors are behind: {} access events dropped since start", n);
      }
    }
  }

  /** Each principal's last activity, so that a dormant account is recognised across restarts. */
  public synchronized void seedLastSeen(Map<String, Instant> last) {
    dormant.seed(last);
  }

  /** Runs every detector on one event, in the caller's thread. */
  public synchronized void process(AccessEvent e) {
    for (Detector d : detectors) {
      d.onEvent(e, raise);
    }
    if (!e.at().isBefore(lastTick.plus(TICK))) {
      tick(e.at());
    }
  }

  /** Moves time on to {@code now} for the detectors that watch for absences. */
  public synchronized void tick(Instant now) {
    if (now.isBefore(lastTick)) {
      return;
    }
    lastTick = now;
    for (Detector d : detectors) {
      d.onTick(now, raise);
    }
  }

  /** Processes everything queued so far, then ticks at the clock's time (tests). */
  public void flush() {
    List<AccessEvent> pending = new ArrayList<>();
    queue.drainTo(pending);
    pending.forEach(this::process);
    tick(clock.instant());
  }

  public synchronized void start() {
    if (worker != null) {
      return;
    }
    Thread t = new Thread(this::run, "pv-leak-detectors");
    t.setDaemon(true);
    worker = t;
    t.start();
  }

  private void run() {
    while (worker == Thread.currentThread()) {
      try {
        AccessEvent e = queue.poll(5, TimeUnit.SECONDS);
        if (e != null) {
          process(e);
        }
        Instant now = clock.instant();
        if (!now.isBefore(lastTick.plus(TICK))) {
          tick(now);
        }
      } catch (InterruptedException ie) {
        return;
      } catch (RuntimeException ex) {
        // One bad event (or a database hiccup while raising) must not stop detection.
        LOG.warn("leak detector failed: {}", ex.getClass().getName());
      }
    }
  }

  private void raise(AlertDraft d) {
    Instant last = lastRaised.get(d.key());
    if (last != null && d.at().isBefore(last.plus(cooldown))) {
      return;
    }
    lastRaised.put(d.key(), d.at());
    if (lastRaised.size() > 100_000) {
      Instant cutoff = d.at().minus(cooldown);
      lastRaised.values().removeIf(t -> t.isBefore(cutoff));
    }
    sink.raise(d);
  }

  @Override
  public void close() {
    Thread t = worker;
    worker = null;
    if (t != null) {
      t.interrupt();
      try {
        t.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
