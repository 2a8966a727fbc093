package org.parcelveil.soak;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The soak's parcels on their way: waybills waiting for their next scan, stage by stage, plus a ring of recent
 * numbers for views, tracking and verification. Every queue is bounded (the oldest parcel is forgotten, and simply
 * stays where it was), so the driver's own memory stays flat however long it runs: the heap check measures the
 * service, not the harness.
 */
public final class Parcels {
  /** Where a parcel stands, as far as the next step of the soak is concerned. */
  public enum Stage { CREATED, PICKED_UP, ARRIVED, OUT_FOR_DELIVERY, REVEALED }

  /** A parcel to act on and the stage it stands at; reserved parcels never move on. */
  public record Step(String waybill, Stage from, boolean reserved) {}

  private static final int QUEUE_LIMIT = 5_000;
  private static final int RING = 4_096;

  private final Bounded[] stages = new Bounded[Stage.values().length];
  private final AtomicReferenceArray<String> recent = new AtomicReferenceArray<>(RING);
  private final AtomicLong written = new AtomicLong();
  private volatile List<String> reserved = List.of();

  public Parcels() {
    for (int i = 0; i < stages.length; i++) {
      stages[i] = new Bounded();
    }
  }

  /** Parcels kept out for delivery for the whole run, revealed when no other one is waiting. */
  public void reserve(List<String> waybills) {
    if (waybills.isEmpty()) {
      throw new IllegalArgumentException("reveals need at least one reserved parcel");
    }
    waybills.forEach(this::remember);
    this.reserved = List.copyOf(waybills);
  }

  public void created(String waybill) {
    remember(waybill);
    stages[Stage.CREATED.ordinal()].offer(waybill);
  }

  /** The parcel reached {@code stage}; delivered parcels leave the pipeline. */
  public void reached(String waybill, Stage stage) {
    stages[stage.ordinal()].offer(waybill);
  }

  /**
   * The next scan, the most advanced parcel first (a courier finishes a delivery before a desk takes in more), or
   * empty when nothing waits. Revealed parcels are delivered; out-for-delivery ones wait for their reveal.
   */
  public Optional<Step> nextScan() {
    for (Stage s : new Stage[] {Stage.REVEALED, Stage.ARRIVED, Stage.PICKED_UP, Stage.CREATED}) {
      String wb = stages[s.ordinal()].poll();
      if (wb != null) {
        return Optional.of(new Step(wb, s, false));
      }
    }
    return Optional.empty();
  }

  /** A parcel out for delivery to reveal: one waiting in the pipeline, or one of the reserved ones. */
  public Step nextReveal() {
    String wb = stages[Stage.OUT_FOR_DELIVERY.ordinal()].poll();
    if (wb != null) {
      return new Step(wb, Stage.OUT_FOR_DELIVERY, false);
    }
    List<String> r = reserved;
    return new Step(r.get(ThreadLocalRandom.current().nextInt(r.size())), Stage.OUT_FOR_DELIVERY, true);
  }

  /** One of the most recently created parcels, at random. */
  public String anyRecent() {
    long n = Math.min(written.get(), RING);
    String wb = null;
    while (wb == null) {
      wb = recent.get((int) ThreadLocalRandom.current().nextLong(n));
    }
    return wb;
  }

  private void remember(String waybill) {
    recent.set((int) (written.getAndIncrement() % RING), waybill);
  }

  /** A queue that forgets its oldest entry rather than grow past its limit. */
  private static final class Bounded {
    private final ConcurrentLinkedQueue<String> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    void offer(String wb) {
      queue.offer(wb);
      if (size.incrementAndGet() > QUEUE_LIMIT && queue.poll() != null) {
        size.decrementAndGet();
      }
    }

    String poll() {
      String wb = queue.poll();
      if (wb != null) {
        size.decrementAndGet();
      }
      return wb;
    }
  }
}
