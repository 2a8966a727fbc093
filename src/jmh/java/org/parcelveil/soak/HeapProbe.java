package org.parcelveil.soak;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Reads the live heap of this JVM (the service runs in it): heap used right after a full collection, plus the
 * number of live threads, so that a leak of either shows as a slope across a soak; the store's size on disk beside
 * them.
 */
public final class HeapProbe {
  private HeapProbe() {}

  /** One reading, {@code seconds} into the soak, with the store's size on disk then (-1 if unknown). */
  public record Sample(double seconds, long heapUsedBytes, int threads, long storeBytes) {
    public double heapMiB() {
      return heapUsedBytes / (1024.0 * 1024.0);
    }

    public double storeMiB() {
      return storeBytes / (1024.0 * 1024.0);
    }
  }

  /** Collects (twice: the first may only queue finalisable objects), then reads; the pause shows in latencies. */
  public static Sample sample(double seconds, long storeBytes) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    memory.gc();
    memory.gc();
    return new Sample(seconds, memory.getHeapMemoryUsage().getUsed(),
        ManagementFactory.getThreadMXBean().getThreadCount(), storeBytes);
  }
}
