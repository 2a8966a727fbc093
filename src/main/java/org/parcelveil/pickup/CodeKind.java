package org.parcelveil.pickup;

/** The two codes a recipient is sent: to collect from a station shelf or locker, or to confirm a door delivery. */
enum CodeKind {
  /** A pickup code, checked together with the last four digits of the recipient's phone. */
  PICKUP,
  /** A delivery PIN, told to the courier at the door. */
  PIN
}
