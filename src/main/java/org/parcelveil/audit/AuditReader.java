package org.parcelveil.audit;

import java.io.ByteArrayOutputStream;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.parcelveil.store.Sql;
import org.parcelveil.store.StoreException;
import org.parcelveil.tlog.Hashes;

/** Reads the log for its public interfaces: proofs, tiles and entries, each from O(log n) stored nodes or one range. */
final class AuditReader {
  private final Sql sql;

  AuditReader(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** A proof: its hashes bottom-up, and for inclusion the leaf's hash. */
  record Proof(List<byte[]> hashes, byte[] leafHash) {}

  /** Thrown when a request names an index or size the log does not (yet) have; the message is safe to show. */
  static final class OutOfRangeException extends RuntimeException {
    OutOfRangeException(String message) {
      super(message, null, false, false);
    }
  }

  long size() {
    return read(h -> TreeStore.head(h).size());
  }

  Proof inclusion(long index, long size) {
    try {
      return read(h -> {
        requireSize(h, size);
        if (index >= size) {
          throw new OutOfRangeException("index must be below size");
        }
        ProofPlan plan = ProofPlan.inclusion(index, size);
        Set<Long> ids = new HashSet<>(plan.nodeIds());
        long leaf = NodeIds.id(0, index);
        ids.add(leaf);
        Map<Long, byte[]> nodes = TreeStore.nodes(h, ids);
        if (!nodes.containsKey(leaf)) {
          throw incomplete();
        }
        return new Proof(plan.hashes(nodes), nodes.get(leaf));
      });
    } catch (IllegalStateException e) {
      throw incomplete();
    }
  }

  Proof consistency(long from, long to) {
    try {
      return read(h -> {
        requireSize(h, to);
        if (from > to) {
          throw new OutOfRangeException("from must not be above to");
        }
        ProofPlan plan = ProofPlan.consistency(from, to);
        return new Proof(plan.hashes(TreeStore.nodes(h, plan.nodeIds())), new byte[0]);
      });
    } catch (IllegalStateException e) {
      throw incomplete();
    }
  }

  /**
   * Inclusion proofs of several entries in the tree of {@code size}, from one read of their nodes. Indexes at or
   * beyond {@code size} are left out (no proof to that tree yet).
   */
  Map<Long, List<byte[]>> inclusions(Collection<Long> indexes, long size) {
    try {
      return read(h -> {
        requireSize(h, size);
        Map<Long, ProofPlan> plans = new HashMap<>();
        Set<Long> ids = new HashSet<>();
        for (long index : indexes) {
          if (index < size) {
            ProofPlan plan = ProofPlan.inclusion(index, size);
            plans.put(index, plan);
            ids.addAll(plan.nodeIds());
          }
        }
        Map<Long, byte[]> nodes = TreeStore.nodes(h, ids);
        Map<Long, List<byte[]>> out = new HashMap<>();
        plans.forEach((index, plan) -> out.put(index, plan.hashes(nodes)));
        return out;
      });
    } catch (IllegalStateException e) {
      throw incomplete();
    }
  }

  /** The newest entries about the waybills (party absent or one of {@code parties}), newest first. */
  List<AuditEntry> entriesAbout(Collection<String> waybills, Collection<String> parties, int limit) {
    return read(h -> TreeStore.entriesAbout(h, waybills, parties, limit));
  }

  /** A hash tile, if the tree is big enough for it. */
  Optional<byte[]> tile(TilePath tile) {
    List<byte[]> hashes = read(h -> available(h, tile)
        ? TreeStore.nodeRange(h, tile.treeLevel(), tile.index() * TilePath.FULL, tile.width()) : List.of());
    if (hashes.isEmpty() || hashes.size() != tile.width()) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(tile.width() * Hashes.SIZE);
    hashes.forEach(out::writeBytes);
    return Optional.of(out.toByteArray());
  }

  /** An entry bundle: each entry's canonical bytes behind a big-endian uint16 length. */
  Optional<byte[]> entryBundle(TilePath tile) {
    long start = tile.index() * TilePath.FULL;
    List<AuditEntry> entries = read(h -> available(h, tile)
        ? TreeStore.entries(h, start, start + tile.width()) : List.of());
    if (entries.isEmpty() || entries.size() != tile.width()) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(tile.width() * 160);
    for (AuditEntry e : entries) {
      byte[] bytes = e.canonical();
      out.write(bytes.length >>> 8);
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    return Optional.of(out.toByteArray());
  }

  List<AuditEntry> entries(long start, long end) {
    return read(h -> TreeStore.entries(h, start, end));
  }

  /** Every public key that signed a checkpoint, oldest first. */
  List<String> storedKeys() {
    return read(CheckpointStore::keys);
  }

  /** Tile {@code N} of width {@code W} at level {@code L} exists once the tree has (N * 256 + W) * 256^L leaves. */
  private static boolean available(Handle h, TilePath tile) {
    if (tile.treeLevel() > 48 || tile.index() > (1L << 40)) {
      return false; // beyond any tree this log can hold
    }
    long size = TreeStore.head(h).size();
    long needed = tile.index() * TilePath.FULL + tile.width();
    return (size >>> tile.treeLevel()) >= needed;
  }

  private static void requireSize(Handle h, long size) {
    if (size > TreeStore.head(h).size()) {
      throw new OutOfRangeException("size is larger than the log");
    }
  }

  /** A proof needs a stored node that is missing: the log was damaged; the verifier will say where. */
  private static AuditUnavailableException incomplete() {
    return new AuditUnavailableException("the stored audit tree is incomplete", null);
  }

  /** Runs a read on one connection; a database failure makes the log unavailable. */
  private <R> R read(java.util.function.Function<Handle, R> work) {
    try {
      return sql.withHandle("the audit log could not be read", work::apply);
    } catch (StoreException e) {
      throw new AuditUnavailableException("the audit log could not be read", e);
    }
  }
}
