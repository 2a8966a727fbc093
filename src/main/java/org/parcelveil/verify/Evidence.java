package org.parcelveil.verify;

/**
 * How strongly a verification showed that an order is the parcel's own, ranked: a claim on weaker evidence yields to
 * a later order with stronger evidence; between equals, the first claim holds. Rank 3 is kept for an order bound to
 * the waybill when the shipment is created, which only the genuine order can have.
 */
enum Evidence {
  /** Areas, times and scans only: anyone who has seen the label can state them, so such a claim is provisional. */
  AREA(1),
  /** The recipient's phone matched, compared within the parcel's budget of phones. */
  PHONE(2);

  final int rank;

  Evidence(int rank) {
    this.rank = rank;
  }

  boolean isStrongerThan(Evidence other) {
    return rank > other.rank;
  }

  static Evidence ofRank(int rank) {
    for (Evidence e : values()) {
      if (e.rank == rank) {
        return e;
      }
    }
    throw new IllegalArgumentException("no evidence of rank " + rank);
  }
}
