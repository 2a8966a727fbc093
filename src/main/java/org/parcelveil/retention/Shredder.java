package org.parcelveil.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.shipment.ShipmentShredding;

/**
 * Crypto-shredding: once a retention bucket's day has passed, its shipments are marked shredded and its key is
 * destroyed, so every copy of their ciphertext, backups included, becomes noise.
 *
 * <p>Order makes a crash harmless: mark first, then log, then destroy. A run stopped half-way leaves shipments
 * marked (already refused as shredded) whose key still exists; the next run finds the bucket still live and
 * completes it. Marking is idempotent, and also removes the rows' blind indexes (a keyed hash of a phone is
 * personal data too). Each run first re-applies early erasures ({@link Erasures}) in case an older backup of the
 * shipment database was restored.
 *
 * <p>After a run that shredded a bucket, or after any early erasure newer than the last scrub, the run scrubs the
 * tables that held the erased values ({@code store.Scrubber}), so they are physically gone from the live store
 * within one run, not only unreadable.
 */
public final class Shredder {
  private final ShipmentShredding shipments;
  private final KeyStore keys;
  private final AuditLog audit;
  private final Erasures erasures;
  private final RetentionRuns runs;
  private final Runnable scrub;

  /** The shipment database's tables that hold ciphertext, blind indexes or keyed hashes of personal data. */
  public static final List<String> MAIN_TABLES = List.of("shipments", "idempotency_keys", "verification_phone_tries");
  /** The key store's table whose destroyed rows held bucket keys. */
  public static final List<String> KEY_TABLES = List.of("key_material");

  public Shredder(DataSource dataSource, KeyStore keys, AuditLog audit, Erasures erasures, Runnable scrub) {
    this.scrub = scrub;
    this.shipments = new ShipmentShredding(dataSource);
    this.runs = new RetentionRuns(dataSource);
    this.keys = keys;
    this.audit = audit;
    this.erasures = erasures;
  }

  /** One shredded bucket: its day and how many shipments it held. */
  public record Shredded(LocalDate day, int shipments) {}

  /** Shreds every bucket whose day is before the UTC date of {@code now}. */
  public List<Shredded> run(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    List<Shredded> done = new ArrayList<>();
    int rewiped = erasures.reapply(now);
    if (rewiped > 0) {
      audit.append(new AuditRecord("retention.reerase", "system", "system", null, null, null, null,
          AuditRecord.Outcome.ALLOWED, rewiped + " early-erased shipments wiped again (restored backup)"));
    }
    for (LocalDate day : keys.liveBucketsBefore(today)) {
      int marked = shipments.markBucketShredded(day, now);
      audit.append(new AuditRecord("retention.shred", "system", "system", null, null, null, null,
          AuditRecord.Outcome.ALLOWED, "bucket " + day + ": " + marked + " shipments"));
      keys.destroyBucket(day);
      erasures.forgetThrough(day);
      done.add(new Shredded(day, marked));
    }
    runs.record(now, done.size(), done.stream().mapToInt(Shredded::shipments).sum());
    Optional<Instant> newestErasure = erasures.newest();
    Optional<Instant> scrubbed = runs.scrubbedThrough();
    boolean erasedSinceScrub = newestErasure.isPresent()
        && (scrubbed.isEmpty() || newestErasure.get().isAfter(scrubbed.get()));
    if (!done.isEmpty() || rewiped > 0 || erasedSinceScrub) {
      scrub.run();
      newestErasure.ifPresent(runs::scrubbedThrough);
    }
    return done;
  }
}
