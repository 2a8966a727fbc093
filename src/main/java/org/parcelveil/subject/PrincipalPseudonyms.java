package org.parcelveil.subject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parcelveil.keys.Secret;

/**
 * The name a person's disclosure history gives a principal: {@code pn_} and 16 hex digits of HMAC-SHA256 under the
 * key {@code disclosure-pseudonyms} of the principal's id. The same principal has the same pseudonym in every
 * history, so a person can tell one courier looking twice from two couriers; without the key, the pseudonym tells
 * nothing of the id, and no one can compute it from an id they know.
 */
public final class PrincipalPseudonyms {
  private static final String DOMAIN = "parcelveil disclosure pseudonym v1\u0000";
  private final byte[] key;

  /** @param key the current version of {@code disclosure-pseudonyms}; rotating it renames every principal */
  public PrincipalPseudonyms(Secret key) {
    this.key = key.bytes();
  }

  public String of(String principalId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] out = mac.doFinal((DOMAIN + principalId).getBytes(StandardCharsets.UTF_8));
      return "pn_" + HexFormat.of().formatHex(Arrays.copyOf(out, 8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "PrincipalPseudonyms[REDACTED]";
  }
}
