package org.parcelveil.audit;

/**
 * Names a complete subtree of the Merkle tree by one number: its level (0 for leaves) in the top byte and its index
 * within the level below; and says where it is stored: in the row of the entry whose append completed it, the
 * subtree's last leaf, at offset 32 * level of that row's tree hashes.
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

  /** The index of the entry whose row stores the node: the subtree's last leaf. */
  static long row(long id) {
    return ((index(id) + 1) << level(id)) - 1;
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
