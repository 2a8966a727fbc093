package org.parcelveil.label;

/** The outcome of checking a QR token: the waybill it carries, or why it was refused. */
public sealed interface TokenCheck {

  /** A token made with one of our keys: {@code waybill} is authentic. */
  record Valid(String waybill, int keyId) implements TokenCheck {}

  /** A token refused; the reason is for metrics and logs, never for the person who scanned it. */
  record Invalid(Reason reason) implements TokenCheck {}

  /** Why a token was refused. */
  enum Reason {
    /** Not base64url, too short or too long, or a link of the wrong shape. */
    MALFORMED,
    /** A version byte this code does not know. */
    UNSUPPORTED_VERSION,
    /** Made with a key id we do not hold (never issued, or retired). */
    UNKNOWN_KEY,
    /** The tag does not match: a byte was changed, or it was never ours. */
    BAD_TAG
  }
}
