package org.parcelveil.web.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random 256-bit identifiers (sessions, set-up links) and the SHA-256 under which they are stored. */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** 32 random bytes, base64url: 43 characters. */
  public static String random256() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** True for a value shaped like {@link #random256()}; anything else is refused before any look-up. */
  public static boolean wellFormed(String s) {
    return s != null && s.length() == 43 && s.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
  }

  /** Hex SHA-256: with 256 bits of entropy in the id, a plain hash is enough (no salt, no key). */
  public static String hash(String id) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
