package org.parcelveil.pickup;

/**
 * A pickup code or delivery PIN that does not open the parcel. Its message says what to do next and never which of
 * code and digits was wrong, nor any part of them.
 */
public final class HandoverRefusedException extends RuntimeException {
  /** Why: each answers with its own status (422, 410, 429, 409). */
  public enum Kind { NO_MATCH, EXPIRED, TOO_MANY_TRIES, NO_CODE }

  private final Kind kind;

  HandoverRefusedException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  static HandoverRefusedException noMatch(CodeKind code) {
    return new HandoverRefusedException(Kind.NO_MATCH, code == CodeKind.PICKUP
        ? "The pickup code and the last four digits of the phone do not match this parcel."
        : "The delivery PIN does not match this parcel.");
  }

  static HandoverRefusedException expired(CodeKind code) {
    return new HandoverRefusedException(Kind.EXPIRED, code == CodeKind.PICKUP
        ? "The pickup code has expired: shelve the parcel again (AT_PICKUP_POINT) to send the recipient a new code."
        : "The delivery PIN has expired: send the parcel out for delivery again to send the recipient a new PIN.");
  }

  static HandoverRefusedException tooManyTries(CodeKind code) {
    return new HandoverRefusedException(Kind.TOO_MANY_TRIES, code == CodeKind.PICKUP
        ? "Too many wrong tries for this parcel: shelve it again (AT_PICKUP_POINT) to send the recipient a new code."
        : "Too many wrong PINs for this parcel: send it out for delivery again to send the recipient a new PIN.");
  }

  static HandoverRefusedException staffLimit() {
    return new HandoverRefusedException(Kind.TOO_MANY_TRIES,
        "Too many wrong codes entered today by this account: ask support or try again tomorrow.");
  }

  static HandoverRefusedException noCode(CodeKind code) {
    return new HandoverRefusedException(Kind.NO_CODE, code == CodeKind.PICKUP
        ? "No pickup code is live for this parcel: shelve it again (AT_PICKUP_POINT) to send the recipient one."
        : "No delivery PIN is live for this parcel: send it out for delivery again to send the recipient one.");
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status of this refusal. */
  public int status() {
    return switch (kind) {
      case NO_MATCH -> 422;
      case EXPIRED -> 410;
      case TOO_MANY_TRIES -> 429;
      case NO_CODE -> 409;
    };
  }
}
