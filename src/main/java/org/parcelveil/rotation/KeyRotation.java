package org.parcelveil.rotation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.keys.Secret;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.waybill.CounterLeases;

/**
 * Rotates the service's keys, each audit-logged as {@value #ROTATE}. Old versions stay live so that what they
 * protect still works: old waybill numbers decode, old labels scan, old checkpoints verify, rows indexed under an
 * old blind-index key are still found until re-indexed. Other nodes take new versions up on their next refresh
 * ({@link KeyRefresh}); waybill issuers before their next lease.
 */
public final class KeyRotation {
  public static final String ROTATE = "key.rotate";
  public static final String RETIRE = "key.retire";
  /** How far above every counter already leased a new waybill key's range starts: blocks leased during the rotation stay below it. */
  public static final long WAYBILL_MARGIN = 1_000_000_000L;
  private static final long COUNTER_LIMIT = 100_000_000_000_000L;

  private final KeyStore keys;
  private final CounterLeases leases;
  private final BlindIndex blindIndex;
  private final BlindReindex reindex;
  private final Consumer<List<Secret>> qrKeys;
  private final AuditLog audit;

  public KeyRotation(KeyStore keys, CounterLeases leases, BlindIndex blindIndex, BlindReindex reindex,
      Consumer<List<Secret>> qrKeys, AuditLog audit) {
    this.keys = keys;
    this.leases = leases;
    this.blindIndex = blindIndex;
    this.reindex = reindex;
    this.qrKeys = qrKeys;
    this.audit = audit;
  }

  /** What a rotation or retirement did, in words safe to print and log. */
  public record Done(String key, int version, String detail) {}

  /**
   * A new waybill key whose range starts {@link #WAYBILL_MARGIN} above every counter leased so far; the counter then
   * jumps to that first counter, so the next block any node leases is numbered under the new key. The key is
   * recorded before the jump and issuers load key versions after each lease, so no node can number a counter of the
   * new range with the old key; if a lease had passed the new first counter during the rotation (blocks worth
   * the whole margin), the rotation fails loudly.
   */
  public Done waybill(String actor) {
    long lastFirst = keys.secrets(KeyName.WAYBILL).stream().mapToLong(WaybillKeys::firstCounter).max().orElse(0);
    long first = Math.max(leases.nextUnleased(), lastFirst) + WAYBILL_MARGIN;
    if (first >= COUNTER_LIMIT) {
      throw new IllegalStateException("no room left in the counter space for another waybill key");
    }
    Secret s = keys.rotateSecret(KeyName.WAYBILL, WaybillKeys.params(first));
    long after = leases.advanceTo(first);
    if (after > first) {
      throw new IllegalStateException("ALARM: counters up to " + after + " were leased while waybill key v"
          + s.version() + " (from " + first + ") was being recorded; stop issuing and check the numbers issued");
    }
    return log(actor, ROTATE, new Done(KeyName.WAYBILL.stored(), s.version(), "numbers from counter " + first));
  }

  /** A new blind-index key: new rows use it at once here, elsewhere after the next refresh; old rows are re-indexed in the background. */
  public Done blindIndex(String actor) {
    Secret s = keys.rotateSecret(KeyName.BLIND_INDEX);
    blindIndex.update(keys.secrets(KeyName.BLIND_INDEX));
    return log(actor, ROTATE,
        new Done(KeyName.BLIND_INDEX.stored(), s.version(), "old rows are re-indexed in the background"));
  }

  /** A new QR key: new labels carry its id; labels printed before still scan. */
  public Done qr(String actor) {
    List<Secret> live = keys.secrets(KeyName.QR);
    if (live.get(live.size() - 1).version() >= 255) {
      throw new IllegalStateException("QR tokens carry a one-byte key id: no more than 255 QR key versions");
    }
    Secret s = keys.rotateSecret(KeyName.QR);
    qrKeys.accept(keys.secrets(KeyName.QR));
    return log(actor, ROTATE, new Done(KeyName.QR.stored(), s.version(), "old labels still scan"));
  }

  /**
   * A new intake key for sealed recipients: platforms seal to it once they fetch {@code GET /v1/intake/key} again;
   * blobs sealed to the old key keep opening for the overlap (30 days).
   */
  public Done intake(String actor) {
    Secret s = keys.rotateSecret(KeyName.INTAKE);
    return log(actor, ROTATE, new Done(KeyName.INTAKE.stored(), s.version(),
        "blobs sealed to the old key open for 30 more days"));
  }

  /** A new audit signing key: the next checkpoint is signed with it; the old public keys stay published. */
  public Done auditSigning(String actor) {
    Secret s = keys.rotateSecret(KeyName.AUDIT_SIGNING);
    return log(actor, ROTATE, new Done(KeyName.AUDIT_SIGNING.stored(), s.version(), "old checkpoints still verify"));
  }

  /** Re-wraps every key in the store under {@code next}, in one transaction. */
  public Done master(String actor, MasterKey next) {
    int from = keys.masterGeneration();
    int rows = keys.rotateMaster(next);
    return log(actor, ROTATE, new Done("master", keys.masterGeneration(),
        rows + " keys re-wrapped, generation " + from + " to " + keys.masterGeneration()));
  }

  /** Logs a rotation that an earlier, interrupted run committed but could not log. */
  public Done masterCompleted(String actor) {
    return log(actor, ROTATE, new Done("master", keys.masterGeneration(), "completed an interrupted rotation"));
  }

  /**
   * Retires every blind-index version but the newest, after a final re-index pass; refuses (retiring nothing) while
   * rows remain under an old version, unless {@code force}: such rows can then no longer be found by phone.
   */
  public List<Done> retireBlindIndex(String actor, boolean force) {
    blindIndex.update(keys.secrets(KeyName.BLIND_INDEX));
    BlindReindex.Pass pass = reindex.runPass();
    List<Secret> live = keys.secrets(KeyName.BLIND_INDEX);
    List<Secret> old = live.subList(0, live.size() - 1);
    List<Long> left = old.stream().map(v -> reindex.rowsUnder(v.version())).toList();
    long total = left.stream().mapToLong(Long::longValue).sum();
    if (total > 0 && !force) {
      throw new IllegalStateException(total + " rows are still indexed under an old blind-index version"
          + (pass.stuck() > 0 ? " (" + pass.stuck() + " principals registered their phone before work phones "
          + "were kept sealed: register them again)" : "") + "; nothing was retired");
    }
    List<Done> out = new ArrayList<>();
    for (int i = 0; i < old.size(); i++) {
      keys.destroySecret(KeyName.BLIND_INDEX, old.get(i).version());
      out.add(log(actor, RETIRE,
          new Done(KeyName.BLIND_INDEX.stored(), old.get(i).version(), left.get(i) + " rows left unfindable")));
    }
    blindIndex.update(keys.secrets(KeyName.BLIND_INDEX));
    return out;
  }

  private Done log(String actor, String action, Done done) {
    audit.append(AuditRecord.admin(action, actor, "operator", done.key() + " v" + done.version() + ": " + done.detail()));
    return done;
  }
}
