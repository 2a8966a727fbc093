package org.parcelveil.keys;

/** The key store or the master key cannot be used: missing, wrong or unreadable. */
public class KeyStoreException extends RuntimeException {
  public KeyStoreException(String message) {
    super(message);
  }

  public KeyStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
