package org.parcelveil.rotation;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.shipment.PhoneIndexes;
import org.parcelveil.shipment.PhoneIndexes.Change;
import org.parcelveil.shipment.PhoneIndexes.Phones;
import org.parcelveil.store.Sql;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.ShreddedException;
import org.parcelveil.vault.Vault;
import org.parcelveil.vault.VaultException;

/**
 * Re-computes blind indexes made under older key versions with the current one, by decrypting the phone alone:
 * shipments' sender and recipient phones and principals' work phones. It runs in the background while the service
 * serves (look-ups match every live version meanwhile); once no row is left under an old version, that version can
 * be retired.
 *
 * <p>Rows are walked once in waybill order, in batches, and each update is conditional on the old value, so two
 * nodes re-indexing at once, or a row changing meanwhile, do no harm. A shredded shipment's index is removed: it is
 * personal data too, and nothing is left to find.
 */
public final class BlindReindex {
  static final int BATCH = 500;

  private final Sql sql;
  private final PhoneIndexes shipments;
  private final Vault vault;
  private final BlindIndex index;

  public BlindReindex(DataSource dataSource, Vault vault) {
    this.sql = Sql.over(dataSource);
    this.shipments = new PhoneIndexes(dataSource);
    this.vault = vault;
    this.index = vault.blindIndex();
  }

  /** What a pass did: indexes re-computed, indexes removed (shredded rows), principals it could not re-index. */
  public record Pass(int reindexed, int removed, int stuck) {}

  /** One pass over every row not under the current version. */
  public Pass runPass() {
    int reindexed = 0;
    int removed = 0;
    String cursor = "";
    String prefix = index.currentPrefix();
    while (true) {
      List<Phones> rows = shipments.notUnder(cursor, prefix + "%", BATCH);
      List<Change> changes = new ArrayList<>();
      for (Phones r : rows) {
        for (PartyRole role : PartyRole.values()) {
          String old = r.index(role);
          if (old != null && !old.startsWith(prefix)) {
            changes.add(new Change(r.waybill(), role, old, recompute(r, role)));
          }
        }
        cursor = r.waybill();
      }
      int[] applied = shipments.apply(changes);
      for (int i = 0; i < changes.size(); i++) {
        if (applied[i] > 0) {
          if (changes.get(i).fresh() == null) {
            removed++;
          } else {
            reindexed++;
          }
        }
      }
      if (rows.size() < BATCH) {
        break;
      }
    }
    int[] principals = principals();
    return new Pass(reindexed + principals[0], removed, principals[1]);
  }

  /** How many stored indexes are still under {@code version} (shipments and principals). */
  public long rowsUnder(int version) {
    String like = version + ".%";
    return shipments.countLike(like) + sql.withHandle("could not count blind indexes", h -> h.createQuery(
            "SELECT COUNT(*) FROM principals WHERE phone_idx LIKE :like")
        .bind("like", like).mapTo(Long.class).one());
  }

  private @Nullable String recompute(Phones r, PartyRole role) {
    if (r.shredded() || r.phone(role) == null) {
      return null;
    }
    try {
      return index.of(vault.openPhone(r.waybill(), role, r.bucket(), r.phone(role)));
    } catch (ShreddedException e) {
      return null;
    }
  }

  /** A principal's work phone index not under the current version. */
  private record WorkPhone(String id, String index, byte @Nullable [] sealed) {}

  /** Re-indexes principals' work phones: how many were re-indexed, and how many have no sealed phone to use. */
  private int[] principals() {
    return sql.withHandle("could not re-index principals", h -> {
      int done = 0;
      int stuck = 0;
      List<WorkPhone> todo = h.createQuery("SELECT id, phone_idx, phone_sealed FROM principals "
              + "WHERE phone_idx IS NOT NULL AND phone_idx NOT LIKE :current ORDER BY id")
          .bind("current", index.currentPrefix() + "%")
          .map((rs, ctx) -> new WorkPhone(rs.getString("id"), rs.getString("phone_idx"), rs.getBytes("phone_sealed")))
          .list();
      for (WorkPhone p : todo) {
        if (p.sealed() == null) {
          stuck++; // registered before work phones were sealed: it must be registered again
          continue;
        }
        try {
          done += h.createUpdate("UPDATE principals SET phone_idx = :fresh WHERE id = :id AND phone_idx = :old")
              .bind("fresh", index.of(vault.openWorkPhone(p.id(), p.sealed()))).bind("id", p.id())
              .bind("old", p.index()).execute();
        } catch (VaultException e) {
          stuck++;
        }
      }
      return new int[] {done, stuck};
    });
  }
}
