package org.parcelveil.vault;

/** The personal data asked for has been crypto-shredded: its key no longer exists. */
public final class ShreddedException extends RuntimeException {
  public ShreddedException() {
    super("personal data has been shredded", null, false, false);
  }
}
