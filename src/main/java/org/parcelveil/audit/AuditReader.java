package org.parcelveil.audit;

import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Reads the log for its public interfaces: proofs, tiles and entries, each from O(log n) stored nodes or one range. */
final class AuditReader {
  private final DataSource dataSource;

  AuditReader(DataSource dataSource) {
    this.dataSource = dataSource;
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
    try (Connection c = dataSource.getConnection()) {
      return TreeStore.head(c).size();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  Proof inclusion(long index, long size) {
    try (Connection c = dataSource.getConnection()) {
      requireSize(c, size);
      if (index >= size) {
        throw new OutOfRangeException("index must be below size");
      }
      ProofPlan plan = ProofPlan.inclusion(index, size);
      Set<Long> ids = new HashSet<>(plan.nodeIds());
      long leaf = NodeIds.id(0, index);
      ids.add(leaf);
      Map<Long, byte[]> nodes = TreeStore.nodes(c, ids);
      if (!nodes.containsKey(leaf)) {
        throw incomplete();
      }
      return new Proof(plan.hashes(nodes), nodes.get(leaf));
    } catch (IllegalStateException e) {
      throw incomplete();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  Proof consistency(long from, long to) {
    try (Connection c = dataSource.getConnection()) {
      requireSize(c, to);
      if (from > to) {
        throw new OutOfRangeException("from must not be above to");
      }
      ProofPlan plan = ProofPlan.consistency(from, to);
      return new Proof(plan.hashes(TreeStore.nodes(c, plan.nodeIds())), new byte[0]);
    } catch (IllegalStateException e) {
      throw incomplete();
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** A hash tile, if the tree is big enough for it. */
  Optional<byte[]> tile(TilePath tile) {
    try (Connection c = dataSource.getConnection()) {
      if (!available(c, tile)) {
        return Optional.empty();
      }
      List<byte[]> hashes = TreeStore.nodeRange(c, tile.treeLevel(), tile.index() * TilePath.FULL, tile.width());
      if (hashes.size() != tile.width()) {
        return Optional.empty();
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream(tile.width() * Hashes.SIZE);
      hashes.forEach(out::writeBytes);
      return Optional.of(out.toByteArray());
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** An entry bundle: each entry's canonical bytes behind a big-endian uint16 length. */
  Optional<byte[]> entryBundle(TilePath tile) {
    try (Connection c = dataSource.getConnection()) {
      if (!available(c, tile)) {
        return Optional.empty();
      }
      long start = tile.index() * TilePath.FULL;
      List<AuditEntry> entries = TreeStore.entries(c, start, start + tile.width());
      if (entries.size() != tile.width()) {
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
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  List<AuditEntry> entries(long start, long end) {
    try (Connection c = dataSource.getConnection()) {
      return TreeStore.entries(c, start, end);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Every public key that signed a checkpoint, oldest first. */
  List<String> storedKeys() {
    try (Connection c = dataSource.getConnection()) {
      return CheckpointStore.keys(c);
    } catch (SQLException e) {
      throw unavailable(e);
    }
  }

  /** Tile {@code N} of width {@code W} at level {@code L} exists once the tree has (N * 256 + W) * 256^L leaves. */
  private static boolean available(Connection c, TilePath tile) throws SQLException {
    if (tile.treeLevel() > 48 || tile.index() > (1L << 40)) {
      return false; // beyond any tree this log can hold
    }
    long size = TreeStore.head(c).size();
    long needed = tile.index() * TilePath.FULL + tile.width();
    return (size >>> tile.treeLevel()) >= needed;
  }

  private static void requireSize(Connection c, long size) throws SQLException {
    if (size > TreeStore.head(c).size()) {
      throw new OutOfRangeException("size is larger than the log");
    }
  }

  /** A proof needs a stored node that is missing: the log was damaged; the verifier will say where. */
  private static AuditUnavailableException incomplete() {
    return new AuditUnavailableException("the stored audit tree is incomplete", null);
  }

  private static AuditUnavailableException unavailable(SQLException e) {
    return new AuditUnavailableException("the audit log could not be read", e);
  }
}
