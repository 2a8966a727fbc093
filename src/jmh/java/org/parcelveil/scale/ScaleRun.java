package org.parcelveil.scale;

import java.util.List;

/**
 * One measurement of one store in one round: batch-insert rate, scan transactions and point look-ups per second
 * (NaN if the store could not run them), and how the rows spread over the databases.
 */
record ScaleRun(int round, String store, double insertsPerSecond, double scansPerSecond, double lookUpsPerSecond,
    List<Long> rowsPerDatabase) {

  /** The share of the rows on the fullest database: 0.5 is a perfect split over two. */
  double largestShare() {
    long total = rowsPerDatabase.stream().mapToLong(Long::longValue).sum();
    long largest = rowsPerDatabase.stream().mapToLong(Long::longValue).max().orElse(0);
    return total == 0 ? 0 : (double) largest / total;
  }
}
