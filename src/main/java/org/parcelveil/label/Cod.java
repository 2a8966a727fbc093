package org.parcelveil.label;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;
import org.parcelveil.validation.ValidationException;

/** A cash-on-delivery amount: minor units (cents, fen) of an ISO 4217 currency. */
public record Cod(long amountMinor, Currency currency) {
  private static final long MAX_MINOR = 100_000_000_00L;

  public Cod {
    Objects.requireNonNull(currency, "currency");
    if (amountMinor <= 0 || amountMinor > MAX_MINOR) {
      throw ValidationException.of("cod.amountMinor", "must be positive and at most " + MAX_MINOR);
    }
    if (currency.getDefaultFractionDigits() < 0) {
      throw ValidationException.of("cod.currency", "must have minor units (ISO 4217)");
    }
  }

  /** {@code Cod.of(12850, "CNY")} is 128.50 yuan. */
  public static Cod of(long amountMinor, String currencyCode) {
    return new Cod(amountMinor, Currency.getInstance(currencyCode));
  }

  /** The amount in major units with the currency's own number of decimals: {@code 128.50}. */
  public String amount() {
    return BigDecimal.valueOf(amountMinor, currency.getDefaultFractionDigits()).toPlainString();
  }

  /** {@code COD CNY 128.50}. */
  public String english() {
    return "COD " + currency.getCurrencyCode() + " " + amount();
  }

  /** {@code 代收货款 ¥128.50}; other currencies keep their code: {@code 代收货款 USD 12.00}. */
  public String chinese() {
    String code = currency.getCurrencyCode();
    return "代收货款 " + (code.equals("CNY") ? "¥" : code + " ") + amount();
  }
}
