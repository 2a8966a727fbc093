package org.parcelveil.subject;

/**
 * A data-subject request that is refused: too many requests (with the seconds until a retry), or a code that does
 * not open a session. The reasons a code fails are deliberately not told apart.
 */
public final class SubjectRefusedException extends RuntimeException {
  private final boolean rateLimited;
  private final long retryAfterSeconds;

  private SubjectRefusedException(String message, boolean rateLimited, long retryAfterSeconds) {
    super(message, null, false, false);
    this.rateLimited = rateLimited;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  static SubjectRefusedException rateLimited(long retryAfterSeconds) {
    return new SubjectRefusedException("too many requests", true, retryAfterSeconds);
  }

  static SubjectRefusedException codeRejected() {
    return new SubjectRefusedException("the code does not open a session", false, 0);
  }

  public boolean rateLimited() {
    return rateLimited;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
