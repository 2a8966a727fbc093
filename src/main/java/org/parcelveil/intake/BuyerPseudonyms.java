package org.parcelveil.intake;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.vault.Person;

/**
 * A shop's name for a buyer it may not know: stable for one buyer (phone and address) at one merchant, unrelated
 * across merchants, so a shop can merge orders to the same buyer and address and two shops cannot join their lists.
 * HMAC-SHA256 under the {@code buyer-pseudonyms} key of merchant, phone, area and address detail; name excluded
 * (the same household under two spellings is the same delivery).
 */
public final class BuyerPseudonyms {
  private final KeyStore keys;
  /**
   * The key, read from the key store on first use and kept, as the service's other HMAC keys are: reading it per
   * shipment cost a database query and an unwrap for every sealed recipient. This key is never rotated (a new key
   * would give every buyer a new pseudonym at every shop).
   */
  private volatile SecretKeySpec key;

  public BuyerPseudonyms(KeyStore keys) {
    this.keys = keys;
  }

  private SecretKeySpec key() {
    SecretKeySpec k = key;
    if (k == null) {
      byte[] bytes = keys.currentSecret(KeyName.BUYER_PSEUDONYMS).bytes();
      try {
        k = new SecretKeySpec(bytes, "HmacSHA256");
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
      key = k;
    }
    return k;
  }

  public String of(String merchantId, Person buyer) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key());
      String street = buyer.address().street() == null ? "" : buyer.address().street().reveal();
      String input = String.join("\u0000", merchantId, buyer.phone().reveal(), buyer.address().area().province(),
          buyer.address().area().city(), buyer.address().area().district(), normal(street),
          normal(buyer.address().detail().reveal()));
      byte[] out = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
      return "byr_" + SealedValue.encode(Arrays.copyOf(out, 12));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
    }
  }

  /** Spacing and letter case do not make another buyer. */
  private static String normal(String s) {
    return s.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
  }
}
