package org.parcelveil.keys;

import com.google.crypto.tink.Aead;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.function.IntConsumer;
import org.parcelveil.store.Sql;

/**
 * Re-wraps every key of the store under a new master key in one transaction: the store is wrapped wholly under the
 * old key or wholly under the new one, never half and half, so a crash at any point leaves a store that one of the
 * two keys opens. The master-check row is locked first, which makes key creation on other nodes wait and then
 * notice the new generation instead of adding a row under the old key.
 */
final class MasterRotation {
  private MasterRotation() {}

  /**
   * Re-wraps from {@code from} (which must be generation {@code expectedGeneration}) to {@code to}.
   *
   * @param progress told the number of rows re-wrapped so far, after each (tests interrupt here)
   * @return the number of rows re-wrapped
   */
  static int rewrap(Sql sql, Aead from, int expectedGeneration, Aead to, IntConsumer progress) {
    return sql.inTransaction("key store unavailable during the master-key rotation; nothing was changed", h -> {
      int generation = KeyMaterialRepository.lockGeneration(h);
      if (generation != expectedGeneration) {
        throw new KeyStoreException("the master key was rotated by another process meanwhile (generation "
            + generation + "); nothing was changed");
      }
      List<KeyMaterial> rows = KeyMaterialRepository.all(h);
      int done = 0;
      for (KeyMaterial m : rows) {
        if (m.isDestroyed()) {
          continue;
        }
        KeyMaterialRepository.update(h, m.rewrapped(rewrap(m, from, to), generation + 1));
        progress.accept(++done);
      }
      h.createUpdate("UPDATE key_material SET master_gen = :generation WHERE material IS NULL")
          .bind("generation", generation + 1)
          .execute();
      return done;
    });
  }

  private static String rewrap(KeyMaterial m, Aead from, Aead to) {
    try {
      return Wrapping.rewrap(m, from, to);
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("the key " + m.name() + " v" + m.version()
          + " cannot be unwrapped with the current master key; nothing was changed", e);
    }
  }
}
