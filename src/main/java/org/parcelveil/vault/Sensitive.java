package org.parcelveil.vault;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A piece of personal text. It prints as {@code [REDACTED]}; the plain value comes out only through
 * {@link #reveal()}, a call that is easy to search for; equality is constant-time.
 */
public final class Sensitive {
  private final String value;

  private Sensitive(String value) {
    this.value = Objects.requireNonNull(value);
  }

  public static Sensitive of(String value) {
    return new Sensitive(value);
  }

  /** The plain value. Every caller is a disclosure point: keep them few. */
  public String reveal() {
    return value;
  }

  public int length() {
    return value.codePointCount(0, value.length());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Sensitive s && MessageDigest.isEqual(
        s.value.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return 0; // a hash of the value would leak a little of it; Sensitive values are not map keys
  }

  @Override
  public String toString() {
    return "[REDACTED]";
  }
}
