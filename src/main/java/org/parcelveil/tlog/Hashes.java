package org.parcelveil.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 (section 2.1) hashing with SHA-256: leaves are hashed with a 0x00 prefix and interior nodes with 0x01,
 * so a leaf can never be passed off as an interior node.
 */
public final class Hashes {
  public static final int SIZE = 32;
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(Hashes::newDigest);
  private static final byte[] EMPTY_ROOT = sha256(new byte[0]);

  private Hashes() {}

  /** The root of the empty tree: SHA-256 of nothing. */
  public static byte[] emptyRoot() {
    return EMPTY_ROOT.clone();
  }

  public static byte[] leaf(byte[] data) {
    MessageDigest md = SHA256.get();
    md.update((byte) 0x00);
    md.update(data);
    return md.digest();
  }

  public static byte[] node(byte[] left, byte[] right) {
    MessageDigest md = SHA256.get();
    md.update((byte) 0x01);
    md.update(left);
    md.update(right);
    return md.digest();
  }

  public static byte[] sha256(byte[] data) {
    return SHA256.get().digest(data);
  }

  private static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
