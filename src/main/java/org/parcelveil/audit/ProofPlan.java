package org.parcelveil.audit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parcelveil.tlog.Hashes;

/**
 * Builds RFC 6962 (section 2.1.1 and 2.1.2) inclusion and consistency proofs from stored complete subtrees. Each
 * proof hash is the Merkle Tree Hash of a range of leaves; every such range is either a complete subtree or lies on
 * the tree's right edge and folds from O(log n) complete ones, so a proof reads O(log n) stored nodes and no leaf.
 */
final class ProofPlan {
  private final List<Range> ranges;

  private ProofPlan(List<Range> ranges) {
    this.ranges = List.copyOf(ranges);
  }

  /** Leaves {@code [start, end)}. */
  record Range(long start, long end) {}

  /** PATH(index, D[0:size]) of RFC 6962, bottom-up. */
  static ProofPlan inclusion(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("index " + index + " is not in a tree of size " + size);
    }
    List<Range> out = new ArrayList<>();
    long a = 0;
    long b = size;
    while (b - a > 1) {
      long k = Long.highestOneBit(b - a - 1);
      if (index < a + k) {
        out.add(new Range(a + k, b));
        b = a + k;
      } else {
        out.add(new Range(a, a + k));
        a += k;
      }
    }
    Collections.reverse(out);
    return new ProofPlan(out);
  }

  /** PROOF(from, D[0:to]) of RFC 6962 (SUBPROOF with b = true at the top), bottom-up; empty if from is 0 or to. */
  static ProofPlan consistency(long from, long to) {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("no consistency proof from size " + from + " to size " + to);
    }
    List<Range> out = new ArrayList<>();
    if (from == 0 || from == to) {
      return new ProofPlan(out);
    }
    long a = 0;
    long b = to;
    long m = from;
    boolean whole = true;
    while (m != b - a) {
      long k = Long.highestOneBit(b - a - 1);
      if (m <= k) {
        out.add(new Range(a + k, b));
        b = a + k;
      } else {
        out.add(new Range(a, a + k));
        a += k;
        m -= k;
        whole = false;
      }
    }
    if (!whole) {
      out.add(new Range(a, b));
    }
    Collections.reverse(out);
    return new ProofPlan(out);
  }

  /** The stored nodes the proof needs. */
  Set<Long> nodeIds() {
    Set<Long> ids = new LinkedHashSet<>();
    for (Range r : ranges) {
      collect(r.start(), r.end(), ids);
    }
    return ids;
  }

  /** The proof's hashes, computed from the nodes named by {@link #nodeIds()}. */
  List<byte[]> hashes(Map<Long, byte[]> nodes) {
    List<byte[]> out = new ArrayList<>(ranges.size());
    for (Range r : ranges) {
      out.add(hash(r.start(), r.end(), nodes));
    }
    return out;
  }

  /** The Merkle Tree Hash of the first {@code size} leaves, from stored nodes. */
  static byte[] rootOf(long size, Map<Long, byte[]> nodes) {
    return size == 0 ? Hashes.emptyRoot() : hash(0, size, nodes);
  }

  static Set<Long> rootNodeIds(long size) {
    Set<Long> ids = new LinkedHashSet<>();
    if (size > 0) {
      collect(0, size, ids);
    }
    return ids;
  }

  private static boolean complete(long start, long end) {
    long width = end - start;
    return Long.bitCount(width) == 1 && start % width == 0;
  }

  private static void collect(long start, long end, Set<Long> ids) {
    if (complete(start, end)) {
      ids.add(NodeIds.ofRange(start, end));
      return;
    }
    long k = Long.highestOneBit(end - start - 1);
    collect(start, start + k, ids);
    collect(start + k, end, ids);
  }

  private static byte[] hash(long start, long end, Map<Long, byte[]> nodes) {
    if (complete(start, end)) {
      long id = NodeIds.ofRange(start, end);
      byte[] h = nodes.get(id);
      if (h == null) {
        throw new IllegalStateException("the tree node " + NodeIds.level(id) + "/" + NodeIds.index(id)
            + " is missing");
      }
      return h;
    }
    long k = Long.highestOneBit(end - start - 1);
    return Hashes.node(hash(start, start + k, nodes), hash(start + k, end, nodes));
  }
}
