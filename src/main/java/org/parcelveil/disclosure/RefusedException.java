package org.parcelveil.disclosure;

import org.jspecify.annotations.Nullable;
import org.parcelveil.access.BudgetUsedUp;

/**
 * A refused disclosure, already in the audit log: its reason and the entry's index, and whether the caller may not
 * even know the shipment exists (then neither is told); for {@code budget_exceeded}, which budget was used up.
 */
public final class RefusedException extends RuntimeException {
  private final String reason;
  private final long auditIndex;
  private final boolean gone;
  private final boolean hidden;
  private final @Nullable BudgetUsedUp budget;

  RefusedException(String reason, long auditIndex, boolean hidden) {
    this(reason, auditIndex, hidden, null);
  }

  RefusedException(String reason, long auditIndex, boolean hidden, @Nullable BudgetUsedUp budget) {
    super(reason, null, false, false);
    this.reason = reason;
    this.auditIndex = auditIndex;
    this.gone = reason.equals(Disclosures.SHREDDED);
    this.hidden = hidden;
    this.budget = budget;
  }

  public String reason() {
    return reason;
  }

  public long auditIndex() {
    return auditIndex;
  }

  /** True for an unknown number or a shipment the caller may not see: answered alike, with nothing of the refusal. */
  public boolean hidden() {
    return hidden;
  }

  /** True when the data no longer exists (410) rather than being withheld (403). */
  public boolean gone() {
    return gone;
  }

  /** The budget that refused, for {@code budget_exceeded}; null for every other reason. */
  public @Nullable BudgetUsedUp budget() {
    return budget;
  }
}
