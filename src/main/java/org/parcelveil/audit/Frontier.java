package org.parcelveil.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parcelveil.tlog.Hashes;

/**
 * The right edge of a Merkle tree: the roots of its complete subtrees, one for each bit set in the tree size. That is
 * all an append needs (O(log n) hashes), and all the root needs.
 */
final class Frontier {
  private final byte[][] byLevel = new byte[64][];
  private long size;

  /** Receives every complete subtree that an append finishes, leaf first. */
  interface NodeSink {
    void node(int level, long index, byte[] hash);
  }

  static Frontier empty() {
    return new Frontier();
  }

  /** The ids of the stored nodes that make up the frontier of a tree of {@code size} leaves. */
  static List<Long> nodeIds(long size) {
    List<Long> ids = new ArrayList<>();
    for (int level = 0; level < 63; level++) {
      if ((size >>> level & 1) == 1) {
        ids.add(NodeIds.id(level, (size >>> level) - 1));
      }
    }
    return ids;
  }

  /** Rebuilds the frontier of a tree of {@code size} leaves from its stored nodes. */
  static Frontier of(long size, Map<Long, byte[]> nodes) {
    Frontier f = new Frontier();
    for (long id : nodeIds(size)) {
      byte[] hash = nodes.get(id);
      if (hash == null || hash.length != Hashes.SIZE) {
        throw new IllegalStateException("the tree node " + NodeIds.level(id) + "/" + NodeIds.index(id)
            + " of size " + size + " is missing");
      }
      f.byLevel[NodeIds.level(id)] = hash;
    }
    f.size = size;
    return f;
  }

  long size() {
    return size;
  }

  Frontier copy() {
    Frontier f = new Frontier();
    System.arraycopy(byLevel, 0, f.byLevel, 0, byLevel.length);
    f.size = size;
    return f;
  }

  /** Appends one leaf hash, reporting the leaf and every subtree it completes. */
  void append(byte[] leafHash, NodeSink sink) {
    int level = 0;
    long index = size;
    byte[] current = leafHash;
    sink.node(level, index, current);
    while ((size >>> level & 1) == 1) {
      current = Hashes.node(byLevel[level], current);
      byLevel[level] = null;
      level++;
      index >>>= 1;
      sink.node(level, index, current);
    }
    byLevel[level] = current;
    size++;
  }

  /** The RFC 6962 Merkle Tree Hash of the whole tree: the complete subtrees folded from the right. */
  byte[] root() {
    byte[] root = null;
    for (int level = 0; level < 64; level++) {
      if (byLevel[level] != null) {
        root = root == null ? byLevel[level] : Hashes.node(byLevel[level], root);
      }
    }
    return root == null ? Hashes.emptyRoot() : root.clone();
  }
}
