package org.parcelveil.web.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cross-site request forgery tokens: each form carries a token derived from the session id (or, before sign-in,
 * from a random pre-session cookie). Another site can neither read the HttpOnly cookie nor compute the token, and
 * SameSite=Strict keeps the cookie off its requests in the first place.
 */
public final class Csrf {
  /** The form field every console form carries. */
  public static final String FIELD = "csrf";

  private Csrf() {}

  /** The token for forms of the session (or pre-session) whose raw cookie value is {@code secret}. */
  public static String token(String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      byte[] t = mac.doFinal("pv-console-csrf".getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(t);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  /** Constant-time check of a submitted token; false when either is missing. */
  public static boolean matches(String secret, String submitted) {
    if (secret == null || secret.isEmpty() || submitted == null) {
      return false;
    }
    return MessageDigest.isEqual(token(secret).getBytes(StandardCharsets.US_ASCII),
        submitted.getBytes(StandardCharsets.US_ASCII));
  }
}
