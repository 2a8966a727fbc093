package org.parcelveil.app;

/** Finding raw bytes in files' contents, for tests that prove a value is (or is no longer) stored. */
public final class ByteSearch {
  private ByteSearch() {}

  /** Where {@code needle} first stands in {@code hay}, or -1. */
  public static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
