package org.parcelveil.waybill;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Issues fresh waybill numbers from leased counter blocks: lock-free within a block, one lease per exhausted block.
 *
 * <p>Thread-safe. Counters are unique per database because blocks are; encoding then runs on the caller's thread,
 * so issuing scales with threads.
 *
 * <p>With a codec supplier, the codec (its key versions) is fetched again after each block is leased, never before:
 * a rotation records its new key before any node can lease a counter of the new key's range, so a node that leased
 * such a counter is sure to see the new key.
 */
public final class WaybillIssuer {
  private final Supplier<WaybillCodec> codecs;
  private final CounterLeases leases;
  private final Object leaseLock = new Object();
  private volatile Cursor current;

  public WaybillIssuer(WaybillCodec codec, CounterLeases leases) {
    this(constant(Objects.requireNonNull(codec, "codec")), leases);
  }

  /** An issuer that asks {@code codecs} for the current key versions after each lease. */
  public WaybillIssuer(Supplier<WaybillCodec> codecs, CounterLeases leases) {
    this.codecs = Objects.requireNonNull(codecs, "codecs");
    this.leases = Objects.requireNonNull(leases, "leases");
    this.current = new Cursor(new CounterBlock(0, 0), codecs.get());
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
      for (long c = first; c < end; c++) {
        out.add(new Waybill(cursor.codec.encode(c)));
      }
      if (out.size() < n) {
        renew(cursor);
      }
    }
    return out;
  }

  /** Replaces an exhausted cursor by a freshly leased block, unless another thread already did. */
  private void renew(Cursor exhausted) {
    synchronized (leaseLock) {
      if (current == exhausted) {
        CounterBlock block = leases.lease();
        current = new Cursor(block, codecs.get());
      }
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
    final WaybillCodec codec;

    Cursor(CounterBlock block, WaybillCodec codec) {
      this.next = new AtomicLong(block.start());
      this.end = block.end();
      this.codec = codec;
    }
  }
}
