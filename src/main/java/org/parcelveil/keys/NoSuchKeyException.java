package org.parcelveil.keys;

/** A key was read that the store does not hold (never provisioned, or never sealed with); nothing is made instead. */
public final class NoSuchKeyException extends KeyStoreException {
  public NoSuchKeyException(String storedName) {
    super("the key store holds no key " + storedName + ": keys are provisioned when the service starts");
  }
}
