package org.parcelveil.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.parcelveil.shipment.ShipmentShredding;

/**
 * What an admin needs to see that retention works: the policy, the last run, and how many parcels' personal data
 * each coming day's shredding will destroy (counts per day, nothing about the parcels themselves).
 */
public final class RetentionStatus {
  private final ShipmentShredding shipments;
  private final RetentionPolicy policy;
  private final RetentionRuns runs;

  public RetentionStatus(DataSource dataSource, RetentionPolicy policy) {
    this.shipments = new ShipmentShredding(dataSource);
    this.policy = policy;
    this.runs = new RetentionRuns(dataSource);
  }

  /** The last run: when, how many buckets it shredded and how many shipments they held. */
  public record LastRun(Instant at, int buckets, int shipments) {}

  /** Parcels whose personal data is shredded on {@code day} (their bucket's day has passed then). */
  public record Due(LocalDate day, long shipments) {}

  /**
   * @param overdue parcels whose bucket's day has passed but are not shredded yet: non-zero for more than an hour
   *     means the job is not running
   * @param upcoming every coming shred day with its parcels, soonest first (at most maxDays + 1 of them)
   */
  public record Report(RetentionPolicy policy, Optional<LastRun> lastRun, long overdue, List<Due> upcoming,
      LocalDate today) {
    /** Parcels whose personal data we still hold and will shred. */
    public long held() {
      return upcoming.stream().mapToLong(Due::shipments).sum();
    }

    /** Parcels shredded within {@code days} days from today. */
    public long dueWithin(int days) {
      return upcoming.stream().filter(d -> !d.day().isAfter(today.plusDays(days))).mapToLong(Due::shipments).sum();
    }

    /** The soonest {@code n} shred days. */
    public List<Due> next(int n) {
      return upcoming.subList(0, Math.min(n, upcoming.size()));
    }
  }

  /** The status at {@code now}. */
  public Report at(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    long overdue = 0;
    List<Due> upcoming = new ArrayList<>();
    for (ShipmentShredding.Unshredded d : shipments.unshreddedPerDay()) {
      if (d.day().isBefore(today)) {
        overdue += d.shipments();
      } else {
        // A bucket is shredded once its day has passed: the data of day D goes on D + 1.
        upcoming.add(new Due(d.day().plusDays(1), d.shipments()));
      }
    }
    return new Report(policy, runs.last(), overdue, List.copyOf(upcoming), today);
  }
}
