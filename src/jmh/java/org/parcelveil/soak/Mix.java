package org.parcelveil.soak;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The order in which the soak issues its operations: each enabled operation as often as its weight says, spread
 * by a seeded shuffle so that no kind arrives in bursts, and repeated.
 */
public final class Mix {
  private final Operation[] sequence;
  private final Set<Operation> enabled;

  private Mix(Operation[] sequence, Set<Operation> enabled) {
    this.sequence = sequence;
    this.enabled = enabled;
  }

  public static Mix of(Set<Operation> enabled) {
    if (enabled.isEmpty()) {
      throw new IllegalArgumentException("the mix needs at least one operation");
    }
    List<Operation> ops = new ArrayList<>();
    for (Operation op : enabled) {
      for (int i = 0; i < op.weight(); i++) {
        ops.add(op);
      }
    }
    Collections.shuffle(ops, new Random(42));
    return new Mix(ops.toArray(Operation[]::new), Set.copyOf(enabled));
  }

  /** The operation of the {@code slot}-th request. */
  public Operation at(long slot) {
    return sequence[(int) Math.floorMod(slot, (long) sequence.length)];
  }

  public Set<Operation> enabled() {
    return enabled;
  }
}
