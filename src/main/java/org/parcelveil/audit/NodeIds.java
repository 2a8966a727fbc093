package org.parcelveil.audit;

/**
 * Names a complete subtree of the Merkle tree by one number: its level (0 for leaves) in the top byte and its index
 * within the level below. One key column keeps look-ups of a proof's nodes to a single {@code IN} query on any
 * database.
 */
final class NodeIds {
  static final int MAX_LEVEL = 63;
  private static final long INDEX_MASK = (1L << 56) - 1;

  private NodeIds() {}

  static long id(int level, long index) {
    if (level < 0 || level > MAX_LEVEL || index < 0 || index > INDEX_MASK) {
      throw new IllegalArgumentException("no node at level " + level + " index " + index);
    }
    return ((long) level << 56) | index;
  }

  static int level(long id) {
    return (int) (id >>> 56);
  }

  static long index(long id) {
    return id & INDEX_MASK;
  }

  /** The complete subtree covering leaves {@code [start, end)}, which must be aligned and a power of two wide. */
  static long ofRange(long start, long end) {
    long width = end - start;
    int level = Long.numberOfTrailingZeros(width);
    if (width <= 0 || Long.bitCount(width) != 1 || start % width != 0) {
      throw new IllegalArgumentException("[" + start + ", " + end + ") is not a complete subtree");
    }
    return id(level, start >>> level);
  }
}
