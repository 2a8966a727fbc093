package org.parcelveil.shipment;

import java.util.Locale;
import java.util.Optional;

/**
 * Who pays the carriage, as printed on the label: the sender now (寄付), the recipient on delivery (到付), or the
 * merchant's monthly account with the carrier (月结).
 */
public enum Payment {
  SENDER("寄付", "Sender pays"),
  RECIPIENT("到付", "Recipient pays"),
  MONTHLY("月结", "Monthly account");

  /** What a request that names no payment gets. */
  public static final Payment DEFAULT = SENDER;

  private final String chinese;
  private final String english;

  Payment(String chinese, String english) {
    this.chinese = chinese;
    this.english = english;
  }

  public String chinese() {
    return chinese;
  }

  public String english() {
    return english;
  }

  /** The payment a request names ({@code SENDER}, {@code RECIPIENT}, {@code MONTHLY}, any case); empty if none. */
  public static Optional<Payment> parse(String name) {
    for (Payment p : values()) {
      if (p.name().equals(name.strip().toUpperCase(Locale.ROOT))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
