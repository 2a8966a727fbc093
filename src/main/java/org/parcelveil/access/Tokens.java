package org.parcelveil.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens: {@code pv_} and 256 random bits. Only their SHA-256 is stored; with that much entropy a plain hash
 * cannot be reversed, and a stolen token table opens nothing.
 */
public final class Tokens {
  public static final String PREFIX = "pv_";
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tokens() {}

  public static String newToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public static String hash(String token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** True if the text has a token's shape; anything else is rejected before a database look-up. */
  public static boolean looksLikeToken(String token) {
    return token.length() == PREFIX.length() + 43 && token.startsWith(PREFIX)
        && token.substring(PREFIX.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
  }

  static String newId(String prefix) {
    byte[] b = new byte[10];
    RANDOM.nextBytes(b);
    return prefix + HexFormat.of().formatHex(b);
  }
}
