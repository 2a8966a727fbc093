package org.parcelveil.disclosure;

/** A refused disclosure, already in the audit log: its reason and the entry's index. */
public final class RefusedException extends RuntimeException {
  private final String reason;
  private final long auditIndex;
  private final boolean gone;

  RefusedException(String reason, long auditIndex) {
    super(reason, null, false, false);
    this.reason = reason;
    this.auditIndex = auditIndex;
    this.gone = reason.equals(Disclosures.SHREDDED);
  }

  public String reason() {
    return reason;
  }

  public long auditIndex() {
    return auditIndex;
  }

  /** True when the data no longer exists (410) rather than being withheld (403). */
  public boolean gone() {
    return gone;
  }
}
