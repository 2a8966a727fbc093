package org.parcelveil.waybill;

/** A leased run of counters, {@code [start, end)}, that one node may issue without asking anyone. */
record CounterBlock(long start, long end) {

  CounterBlock {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad counter block [" + start + ", " + end + ")");
    }
  }

  long size() {
    return end - start;
  }
}
