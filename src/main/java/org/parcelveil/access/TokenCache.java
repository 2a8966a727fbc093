package org.parcelveil.access;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.parcelveil.identity.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token hashes this node authenticated, with their principals, so that a request costs no token look-up. A cached
 * token is trusted only while the node has seen the revocations: a check every {@link #CHECK} reads the revocation
 * mark ({@link PrincipalRepository#revocationMark()}), and when it changed every entry is dropped; a revocation on
 * this node drops them at once. An entry is used only if the last check that succeeded started less than
 * {@link #BOUND} ago, so a token revoked on any node is refused on every node at most {@link #BOUND} after the
 * revocation committed, whether the checks run, fail or stall. Unknown tokens are never cached.
 */
final class TokenCache implements AutoCloseable {
  /** How stale a node's view of the revocations may be before it stops trusting its cache. */
  static final Duration BOUND = Duration.ofSeconds(1);
  /** How often the revocation mark is read. */
  static final Duration CHECK = Duration.ofMillis(200);
  private static final Logger LOG = LoggerFactory.getLogger(TokenCache.class);
  private static final int MAX_ENTRIES = 100_000;

  private record Entry(Principal principal, long generation) {}

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final Supplier<String> mark;
  private final LongSupplier nanos;
  private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "token-revocations");
    t.setDaemon(true);
    return t;
  });
  /** Bumped whenever entries may be stale; an entry made under an older generation is never used. */
  private volatile long generation;
  /** When the last successful check started (nanos); none yet: the cache is not trusted. */
  private volatile long checkedAt;
  private volatile boolean checked;
  private String lastMark;

  TokenCache(Supplier<String> mark, LongSupplier nanos) {
    this.mark = mark;
    this.nanos = nanos;
  }

  /** Starts the checks; until the first one succeeds, every request looks its token up. */
  TokenCache start() {
    checker.scheduleWithFixedDelay(this::checkQuietly, 0, CHECK.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** The principal of a token hash: from the cache while it is trusted, else from {@code lookUp}. */
  Optional<Principal> get(String tokenHash, Supplier<Optional<Principal>> lookUp) {
    long gen = generation;
    boolean trusted = checked && nanos.getAsLong() - checkedAt < BOUND.toNanos();
    if (trusted) {
      Entry e = entries.get(tokenHash);
      if (e != null && e.generation() == gen) {
        return Optional.of(e.principal());
      }
    }
    // The generation is read before the look-up: a revocation that commits after the look-up bumps it, and the
    // entry made here is then never used.
    Optional<Principal> found = lookUp.get();
    if (found.isPresent() && trusted) {
      if (entries.size() >= MAX_ENTRIES) {
        entries.clear();
      }
      entries.put(tokenHash, new Entry(found.get(), gen));
    }
    return found;
  }

  /** Drops every entry (a revocation on this node). */
  synchronized void invalidate() {
    generation++;
    entries.clear();
  }

  /** Reads the revocation mark once; drops every entry when it changed. */
  synchronized void check() {
    long started = nanos.getAsLong();
    String now = mark.get();
    if (!now.equals(lastMark)) {
      invalidate();
      lastMark = now;
    }
    checkedAt = started;
    checked = true;
  }

  private void checkQuietly() {
    try {
      check();
    } catch (RuntimeException e) {
      // The cache goes untrusted by itself after BOUND; requests then look their tokens up.
      LOG.debug("revocation check failed: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    checker.shutdownNow();
  }
}
