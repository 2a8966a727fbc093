package org.parcelveil.leaks.detect;

import java.util.function.IntConsumer;

/** The last {@code capacity} counts, oldest overwritten first. */
final class Ring {
  private final int[] values;
  private int size;
  private int next;

  Ring(int capacity) {
    this.values = new int[Math.max(capacity, 1)];
  }

  void add(int v) {
    values[next] = v;
    next = (next + 1) % values.length;
    size = Math.min(size + 1, values.length);
  }

  int size() {
    return size;
  }

  void forEach(IntConsumer c) {
    for (int i = 0; i < size; i++) {
      c.accept(values[i]);
    }
  }

  double threshold(double k) {
    return Robust.threshold(values, size, k);
  }
}
