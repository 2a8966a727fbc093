package org.parcelveil.verify;

import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;
import org.parcelveil.store.DuplicateKeyException;
import org.parcelveil.store.Sql;

/**
 * The distinct phones ever compared with one parcel's recipient, at most {@code cap} of them, shared by every
 * platform and node. Each comparison is a guess at the recipient's phone, so this is what bounds the guesses: once
 * the cap is reached no phone is compared again, not even one tried before, and the answer no longer depends on it.
 */
final class PhoneTries {
  /** Whether a phone may be compared with the recipient's. */
  enum Admission { COMPARE, CAP_REACHED }

  private static final String FAILURE = "could not count the phones compared with the parcel";
  private final Sql sql;
  private final int cap;

  PhoneTries(DataSource dataSource, int cap) {
    this.sql = Sql.over(dataSource);
    this.cap = cap;
  }

  /**
   * Admits one phone, given as its fingerprints bound to the waybill under every live key version (newest last): a
   * phone tried before takes no new slot; a new one takes the next free slot, if any. Slots are the table's key, so
   * two requests racing for the last slot cannot both take it: the loser reads again and sees the cap.
   */
  Admission admit(String waybill, List<String> fingerprints, Instant now) {
    return sql.withHandle(FAILURE, h -> {
      // Each lost race means another request took a slot, so the loop ends within cap + 1 rounds.
      for (int round = 0; round <= cap; round++) {
        Tried tried = read(h, waybill, fingerprints);
        if (tried.slots() >= cap) {
          return Admission.CAP_REACHED;
        }
        if (tried.known()) {
          return Admission.COMPARE;
        }
        if (take(h, waybill, tried.slots() + 1, fingerprints.get(fingerprints.size() - 1), now)) {
          return Admission.COMPARE;
        }
      }
      return Admission.CAP_REACHED;
    });
  }

  private record Tried(int slots, boolean known) {}

  private static Tried read(Handle h, String waybill, List<String> fingerprints) {
    List<String> taken = h.createQuery("SELECT fingerprint FROM verification_phone_tries WHERE waybill = :waybill")
        .bind("waybill", waybill).mapTo(String.class).list();
    return new Tried(taken.size(), taken.stream().anyMatch(fingerprints::contains));
  }

  /**
   * Takes a slot; false if another request took that slot, or tried the same phone, first. The insert runs in
   * auto-commit mode on the loop's connection, so a refused one leaves nothing to roll back and the loop reads on.
   */
  private static boolean take(Handle h, String waybill, int slot, String fingerprint, Instant now) {
    try {
      h.createUpdate("INSERT INTO verification_phone_tries (waybill, slot, fingerprint, tried_at) "
              + "VALUES (:waybill, :slot, :fingerprint, :now)")
          .bind("waybill", waybill).bind("slot", slot).bind("fingerprint", fingerprint).bind("now", now)
          .execute();
      return true;
    } catch (JdbiException e) {
      if (Sql.translate(FAILURE, e) instanceof DuplicateKeyException) {
        return false;
      }
      throw e;
    }
  }
}
