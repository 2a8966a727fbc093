package org.parcelveil.web.pages;

import org.jspecify.annotations.Nullable;

/**
 * One stop of a courier's day: a pick-up (the sender) or a delivery (the recipient), masked, with the nonce of its
 * one-time reveal form.
 */
public record Task(String waybill, Kind kind, String state, @Nullable String name, @Nullable String phone,
    String area, String sortCode, @Nullable String cod, String nonce) {

  /** What the courier does at this stop. */
  public enum Kind { PICKUP, DELIVERY, DONE }

  public String stateKey() {
    return "state." + state;
  }

  /** The party a reveal of this stop asks for. */
  public String party() {
    return kind == Kind.PICKUP ? "sender" : "recipient";
  }

  /** The purpose a reveal of this stop gives. */
  public String purpose() {
    return kind == Kind.PICKUP ? "PICKUP" : "DELIVERY";
  }
}
