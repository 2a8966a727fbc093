package org.parcelveil.web.pages;

import org.jspecify.annotations.Nullable;

/**
 * A revealed party in plain form, for the one page that shows it. Never stored, logged or cached; prints as
 * {@code [REDACTED]}.
 */
public record Plain(String name, String phone, Address address) {

  /** The revealed address. */
  public record Address(String province, String city, String district, @Nullable String street, String detail) {
    @Override
    public String toString() {
      return "Address[REDACTED]";
    }
  }

  /** A {@code tel:} link that dials the plain number in one tap. */
  public String telHref() {
    return "tel:" + phone.replaceAll("[^0-9+]", "");
  }

  @Override
  public String toString() {
    return "Plain[REDACTED]";
  }
}
