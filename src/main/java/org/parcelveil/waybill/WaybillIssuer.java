package org.parcelveil.waybill;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Issues fresh waybill numbers from leased counter blocks: lock-free within a block, with the next block leased in
 * the background once half of the current one is used.
 *
 * <p>Thread-safe. Counters are unique per database because blocks are; encoding runs on the caller's thread, so
 * issuing scales with threads. A lease is mostly waiting for the database to make it durable, so leasing ahead
 * keeps that wait off the issuing threads; the price is that a crash may leave two blocks unused instead of one.
 *
 * <p>With a codec supplier, the codec (its key versions) is fetched again when a leased block is put to use, which
 * is always after its lease committed: a key rotation records its new key before any node can lease a counter of the
 * new key's range, so a node that leased such a counter is sure to see the new key.
 */
public final class WaybillIssuer {
  private final Supplier<WaybillCodec> codecs;
  private final CounterLeases leases;
  private final Executor background;
  private final Object leaseLock = new Object();
  private volatile Cursor current;
  /** The next block, being leased or ready; guarded by {@code leaseLock}. */
  private CompletableFuture<CounterBlock> ahead;

  public WaybillIssuer(WaybillCodec codec, CounterLeases leases) {
    this(constant(Objects.requireNonNull(codec, "codec")), leases);
  }

  /** An issuer that asks {@code codecs} for the current key versions each time it starts a leased block. */
  public WaybillIssuer(Supplier<WaybillCodec> codecs, CounterLeases leases) {
    this.codecs = Objects.requireNonNull(codecs, "codecs");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.current = new Cursor(new CounterBlock(0, 0), codecs.get());
    // One daemon thread that ends when idle, so an issuer needs no closing.
    ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        r -> {
          Thread t = new Thread(r, "waybill-lease-ahead");
          t.setDaemon(true);
          return t;
        });
    executor.allowCoreThreadTimeOut(true);
    this.background = executor;
  }

  private static Supplier<WaybillCodec> constant(WaybillCodec codec) {
    return () -> codec;
  }

  /** A fresh waybill number. */
  public Waybill next() {
    while (true) {
      Cursor cursor = current;
      long counter = cursor.next.getAndIncrement();
      if (counter < cursor.end) {
        if (counter == cursor.halfway) {
          leaseAhead(cursor);
        }
        return new Waybill(cursor.codec.encode(counter));
      }
      renew(cursor);
    }
  }

  /** {@code n} fresh waybill numbers, taken in runs from the current block so that a batch costs few atomics. */
  public List<Waybill> next(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("cannot issue a negative number of waybills: " + n);
    }
    List<Waybill> out = new ArrayList<>(n);
    while (out.size() < n) {
      Cursor cursor = current;
      int wanted = n - out.size();
      long first = cursor.next.getAndAdd(wanted);
      long end = Math.min(cursor.end, first + wanted);
      if (first <= cursor.halfway && cursor.halfway < end) {
        leaseAhead(cursor);
      }
      for (long c = first; c < end; c++) {
        out.add(new Waybill(cursor.codec.encode(c)));
      }
      if (out.size() < n) {
        renew(cursor);
      }
    }
    return out;
  }

  private void leaseAhead(Cursor cursor) {
    synchronized (leaseLock) {
      if (ahead == null && current == cursor) {
        ahead = CompletableFuture.supplyAsync(leases::lease, background);
      }
    }
  }

  /** Replaces an exhausted cursor by the block leased ahead (or a fresh lease), unless another thread already did. */
  private void renew(Cursor exhausted) {
    synchronized (leaseLock) {
      if (current != exhausted) {
        return;
      }
      CompletableFuture<CounterBlock> next = ahead;
      ahead = null;
      CounterBlock block = next == null ? leases.lease() : joinOrLeaseNow(next);
      current = new Cursor(block, codecs.get());
    }
  }

  /** The block leased ahead; if that lease failed, one more try now, whose failure goes to the caller. */
  private CounterBlock joinOrLeaseNow(CompletableFuture<CounterBlock> next) {
    try {
      return next.join();
    } catch (CompletionException e) {
      return leases.lease();
    }
  }

  @Override
  public String toString() {
    return "WaybillIssuer[" + current.codec.prefix() + ", " + leases + "]";
  }

  /** The unissued part of a block: {@code next} may run past {@code end}, which just means the block is used up. */
  private static final class Cursor {
    final AtomicLong next;
    final long end;
    final long halfway;
    final WaybillCodec codec;

    Cursor(CounterBlock block, WaybillCodec codec) {
      this.next = new AtomicLong(block.start());
      this.end = block.end();
      this.halfway = block.start() + block.size() / 2;
      this.codec = codec;
    }
  }
}
