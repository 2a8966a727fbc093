package org.parcelveil.access;

/**
 * Which reveal budget refused a spend, with its limit: the principal's total for the day, or its cap for one shipment.
 * They are different refusals (another parcel can still be revealed under the second, none under the first), and
 * people are told which.
 */
public record BudgetUsedUp(Budget budget, int limit) {

  /** The two budgets, by their name in the API ({@code daily}, {@code shipment}). */
  public enum Budget {
    DAILY, SHIPMENT;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
