package org.parcelveil.leaks.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Names a client address in alerts by a keyed tag ({@code c_} and 8 bytes of HMAC-SHA256): alerts can be correlated
 * with each other without holding the address, which is personal data of the person behind it.
 */
final class ClientTags {
  private final byte[] key;

  ClientTags(byte[] key) {
    this.key = key.clone();
  }

  String tag(String client) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] h = mac.doFinal(client.getBytes(StandardCharsets.UTF_8));
      return "c_" + HexFormat.of().formatHex(h, 0, 8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
