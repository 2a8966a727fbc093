package org.parcelveil.leaks.attribution;

/**
 * How much a person's attribution may match before a second person (an admin) must release it: attribution ranks
 * suspects, and must not become a way to learn whose shipments a list of phone numbers belongs to (docs/leaks.md).
 * A run is held, its result kept back until an admin approves it, when it has more than {@code approvalRecords}
 * records, when it looks like a sweep of a number range, or when the requester's records or matched records of the
 * day (UTC, counted in the database, so across nodes) would pass {@code dailyRecords} or {@code dailyMatched}.
 *
 * <p>A sweep: at least {@code sweepMinRecords} records holding a phone, of which at least
 * {@code sweepUnmatchedShare} matched nothing and at least {@code sweepPrefixShare} share their first seven digits
 * (one block of ten thousand numbers). A real leak of our data mostly matches; a walk through a number range mostly
 * does not.
 */
public record AttributionBounds(int approvalRecords, int dailyRecords, int dailyMatched, int sweepMinRecords,
    double sweepUnmatchedShare, double sweepPrefixShare) {

  public static final AttributionBounds DEFAULTS = new AttributionBounds(1_000, 2_000, 500, 100, 0.9, 0.5);

  public AttributionBounds {
    if (approvalRecords < 1 || dailyRecords < 1 || dailyMatched < 1 || sweepMinRecords < 1) {
      throw new IllegalArgumentException("attribution bounds must be at least 1");
    }
    if (!(sweepUnmatchedShare > 0 && sweepUnmatchedShare <= 1 && sweepPrefixShare > 0 && sweepPrefixShare <= 1)) {
      throw new IllegalArgumentException("sweep shares must be in (0, 1]");
    }
  }

  public AttributionBounds withDailyMatched(int n) {
    return new AttributionBounds(approvalRecords, dailyRecords, n, sweepMinRecords, sweepUnmatchedShare,
        sweepPrefixShare);
  }

  public AttributionBounds withApprovalRecords(int n) {
    return new AttributionBounds(n, dailyRecords, dailyMatched, sweepMinRecords, sweepUnmatchedShare,
        sweepPrefixShare);
  }

  /** True if a run of this shape walks a number range rather than lists leaked customers. */
  public boolean isSweep(Ranking.Shape s) {
    return s.phoneRecords() >= sweepMinRecords
        && s.unmatchedPhoneRecords() >= sweepUnmatchedShare * s.phoneRecords()
        && s.largestPrefix() >= sweepPrefixShare * s.phoneRecords();
  }
}
