package org.parcelveil.keys;

/** The key asked for was destroyed: the data it protected is gone for good. */
public final class KeyDestroyedException extends KeyStoreException {
  public KeyDestroyedException(String name) {
    super("key " + name + " has been destroyed");
  }
}
