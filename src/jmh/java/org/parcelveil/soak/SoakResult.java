package org.parcelveil.soak;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Everything a soak observed: the maximum rate it measured, the paced phase at a fraction of it, every phase's
 * answers, and the heap and thread readings.
 */
public record SoakResult(String database, SoakPlan plan, Set<Operation> mix, List<String> notes, Tally warmUp,
    Tally measured, double maxRate, double targetRate, Load.Paced paced, Tally soak, List<HeapProbe.Sample> heap) {

  /** Errors of every phase: the set-up, the maximum-rate measurement and the soak itself. */
  public long errors() {
    return warmUp.totalErrors() + measured.totalErrors() + soak.totalErrors();
  }

  public HeapProbe.Sample firstHeap() {
    return heap.get(0);
  }

  public HeapProbe.Sample lastHeap() {
    return heap.get(heap.size() - 1);
  }

  /** The highest reading after the first: a leak that a late collection hides would still show here. */
  public HeapProbe.Sample peakHeap() {
    return heap.stream().skip(1).max(Comparator.comparingLong(HeapProbe.Sample::heapUsedBytes))
        .orElse(firstHeap());
  }
}
