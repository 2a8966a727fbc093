package org.parcelveil.audit;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

/** SQL for published checkpoints and the public keys that signed them, on a caller's handle. */
final class CheckpointStore {
  private static final RowMapper<Stored> STORED = (rs, ctx) -> new Stored(rs.getLong("tree_size"),
      rs.getBytes("root_hash"), rs.getString("note"), rs.getInt("key_version"), rs.getString("cosigned_note"));
  private static final String COLUMNS = "tree_size, root_hash, note, key_version, cosigned_note";

  private CheckpointStore() {}

  /**
   * A published checkpoint as stored: its size and root, the signed note and, once a quorum of witnesses cosigned
   * it, the note with their cosignatures (else null).
   */
  record Stored(long size, byte[] root, String note, int keyVersion, @Nullable String cosignedNote) {}

  /** The stored public key of a signing key version is not the one signing now: the checkpoint is refused. */
  static final class KeyMismatchException extends RuntimeException {
    KeyMismatchException(int version) {
      super("the stored public key of audit key version " + version + " differs");
    }
  }

  static Optional<Stored> latest(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM audit_checkpoints "
            + "WHERE tree_size = (SELECT MAX(tree_size) FROM audit_checkpoints)")
        .map(STORED).findFirst();
  }

  static List<Stored> all(Handle h) {
    return h.createQuery("SELECT " + COLUMNS + " FROM audit_checkpoints ORDER BY tree_size").map(STORED).list();
  }

  /**
   * The newest {@code limit} checkpoints stored with witnesses' cosignatures, newest first, as the notes with their
   * cosignatures. Which of them a node may serve depends on the witnesses and quorum it is configured with.
   */
  static List<String> latestCosigned(Handle h, int limit) {
    return h.createQuery("SELECT cosigned_note FROM audit_checkpoints WHERE cosigned_note IS NOT NULL "
            + "ORDER BY tree_size DESC LIMIT :limit")
        .bind("limit", limit).mapTo(String.class).list();
  }

  /**
   * Stores the cosigned note of the checkpoint of that size in place of {@code previous} (null: none yet), unless
   * another node changed it first.
   */
  static void cosign(Handle h, long size, String cosignedNote, @Nullable String previous, long micros) {
    var update = h.createUpdate("UPDATE audit_checkpoints SET cosigned_note = :note, cosigned_us = :micros "
            + "WHERE tree_size = :size AND " + (previous == null ? "cosigned_note IS NULL" : "cosigned_note = :previous"))
        .bind("note", cosignedNote).bind("micros", micros).bind("size", size);
    if (previous != null) {
      update.bind("previous", previous);
    }
    update.execute();
  }

  static void insert(Handle h, Checkpoint cp, String note, int keyVersion, long micros) {
    h.createUpdate("INSERT INTO audit_checkpoints (tree_size, root_hash, note, key_version, published_us) "
            + "VALUES (:size, :root, :note, :keyVersion, :micros)")
        .bind("size", cp.size()).bind("root", cp.root()).bind("note", note).bind("keyVersion", keyVersion)
        .bind("micros", micros).execute();
  }

  /** Records a signing key's public half the first time it signs. */
  static void rememberKey(Handle h, int version, String vkey, long micros) {
    Optional<String> stored = h.createQuery("SELECT vkey FROM audit_keys WHERE key_version = :version")
        .bind("version", version).mapTo(String.class).findFirst();
    if (stored.isPresent()) {
      if (!stored.get().equals(vkey)) {
        throw new KeyMismatchException(version);
      }
      return;
    }
    h.createUpdate("INSERT INTO audit_keys (key_version, vkey, first_us) VALUES (:version, :vkey, :micros)")
        .bind("version", version).bind("vkey", vkey).bind("micros", micros).execute();
  }

  /** Every public key that signed a checkpoint, oldest version first. */
  static List<String> keys(Handle h) {
    return h.createQuery("SELECT vkey FROM audit_keys ORDER BY key_version").mapTo(String.class).list();
  }
}
