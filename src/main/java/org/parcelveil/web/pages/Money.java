package org.parcelveil.web.pages;

import java.math.BigDecimal;

/** Cash-on-delivery amounts between the console's decimal form ({@code 128.50}) and integer cents. */
final class Money {
  private Money() {}

  static String format(long cents, String currency) {
    return BigDecimal.valueOf(cents, 2).toPlainString() + " " + currency;
  }

  /** Cents of a decimal amount with at most two decimals; null if blank; throws NumberFormatException if bad. */
  static Long cents(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    BigDecimal amount = new BigDecimal(text.trim());
    if (amount.scale() > 2) {
      throw new NumberFormatException("more than two decimals");
    }
    return amount.movePointRight(2).longValueExact();
  }
}
