package org.parcelveil.web.session;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Time-based one-time passwords (RFC 6238 over RFC 4226): HMAC-SHA1, 30-second steps, 6 digits, the form every
 * authenticator app reads from an {@code otpauth://} link. A code is accepted one step either side of now, for
 * clock drift.
 */
public final class Totp {
  public static final int SECRET_BYTES = 20;
  private static final int STEP_SECONDS = 30;
  private static final int DIGITS = 6;
  private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

  private Totp() {}

  public static byte[] newSecret() {
    byte[] secret = new byte[SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return secret;
  }

  /** The code for the step that holds {@code time}, zero-padded to 6 digits. */
  public static String code(byte[] secret, Instant time) {
    return hotp(secret, Math.floorDiv(time.getEpochSecond(), STEP_SECONDS), DIGITS);
  }

  /** RFC 4226's HOTP with dynamic truncation, {@code digits} long. */
  static String hotp(byte[] secret, long counter, int digits) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(secret, "HmacSHA1"));
      byte[] h = mac.doFinal(ByteBuffer.allocate(8).putLong(counter).array());
      int offset = h[h.length - 1] & 0x0f;
      int binary = ((h[offset] & 0x7f) << 24) | ((h[offset + 1] & 0xff) << 16) | ((h[offset + 2] & 0xff) << 8)
          | (h[offset + 3] & 0xff);
      int mod = 1;
      for (int i = 0; i < digits; i++) {
        mod *= 10;
      }
      StringBuilder s = new StringBuilder(Integer.toString(binary % mod));
      while (s.length() < digits) {
        s.insert(0, '0');
      }
      return s.toString();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is missing from this JDK", e);
    }
  }

  /** True if {@code code} is the code of the current step or one either side. */
  public static boolean verify(byte[] secret, String code, Instant now) {
    return matchStep(secret, code, now) >= 0;
  }

  /**
   * The step whose code {@code code} is (now, or one step either side), or -1: the caller keeps the step so the
   * same code is not accepted twice.
   */
  public static long matchStep(byte[] secret, String code, Instant now) {
    if (code == null) {
      return -1;
    }
    String c = code.replace(" ", "");
    if (!c.matches("[0-9]{6}")) {
      return -1;
    }
    long current = Math.floorDiv(now.getEpochSecond(), STEP_SECONDS);
    long found = -1;
    for (long step = current - 1; step <= current + 1; step++) {
      if (MessageDigest.isEqual(hotp(secret, step, DIGITS).getBytes(), c.getBytes())) {
        found = step;
      }
    }
    return found;
  }

  /** RFC 4648 base32 without padding, as authenticator apps take secrets. */
  public static String base32(byte[] data) {
    StringBuilder out = new StringBuilder();
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xff);
      bits += 8;
      while (bits >= 5) {
        out.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      out.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return out.toString();
  }

  /** The {@code otpauth://} link an authenticator app enrols from; the label names the account, not a person. */
  public static String otpauthUri(String issuer, String account, byte[] secret) {
    String label = encode(issuer) + ":" + encode(account);
    return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
        + "&algorithm=SHA1&digits=6&period=30";
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
