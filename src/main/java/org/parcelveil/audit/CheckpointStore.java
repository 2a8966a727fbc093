package org.parcelveil.audit;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** SQL for published checkpoints and the public keys that signed them, on a caller's handle. */
final class CheckpointStore {
  private static final RowMapper<Stored> STORED = (rs, ctx) -> new Stored(rs.getLong("tree_size"),
      rs.getBytes("root_hash"), rs.getString("note"), rs.getInt("key_version"));

  private CheckpointStore() {}

  /** A published checkpoint as stored: its size and root, and the signed note. */
  record Stored(long size, byte[] root, String note, int keyVersion) {}

  /** The stored public key of a signing key version is not the one signing now: the checkpoint is refused. */
  static final class KeyMismatchException extends RuntimeException {
    KeyMismatchException(int version) {
      super("the stored public key of audit key version " + version + " differs");
    }
  }

  static Optional<Stored> latest(Handle h) {
    return h.createQuery("SELECT tree_size, root_hash, note, key_version FROM audit_checkpoints "
            + "WHERE tree_size = (SELECT MAX(tree_size) FROM audit_checkpoints)")
        .map(STORED).findFirst();
  }

  static List<Stored> all(Handle h) {
    return h.createQuery("SELECT tree_size, root_hash, note, key_version FROM audit_checkpoints ORDER BY tree_size")
        .map(STORED).list();
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
