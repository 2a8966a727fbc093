package org.parcelveil.access;

/** The policy's answer: allowed, or refused with a reason code such as {@code not_assigned}. */
public record Decision(boolean allowed, String reason) {
  public static final Decision ALLOW = new Decision(true, null);

  public static Decision refuse(String reason) {
    return new Decision(false, reason);
  }
}
