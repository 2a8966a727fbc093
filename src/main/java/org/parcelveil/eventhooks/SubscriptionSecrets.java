package org.parcelveil.eventhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.webhook.WebhookSignature;

/**
 * Subscriptions' signing secrets: made at random, shown once, kept sealed under the key store's keyset
 * {@code webhook-secrets} with the subscription's id as associated data (a sealed secret copied onto another
 * subscription does not open). The HMAC key is the secret's text as shown, in UTF-8.
 */
final class SubscriptionSecrets {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final KeyStore keys;

  SubscriptionSecrets(KeyStore keys) {
    this.keys = keys;
  }

  static String generate() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  byte[] seal(String subscriptionId, String secret) {
    try {
      return keys.keyset(KeyName.WEBHOOK_SECRETS).encrypt(secret.getBytes(StandardCharsets.UTF_8),
          associated(subscriptionId));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a webhook secret could not be sealed", e);
    }
  }

  WebhookSignature signature(String subscriptionId, byte[] sealed) {
    try {
      return new WebhookSignature(keys.keyset(KeyName.WEBHOOK_SECRETS).decrypt(sealed, associated(subscriptionId)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("a webhook secret does not belong to its subscription", e);
    }
  }

  private static byte[] associated(String subscriptionId) {
    return ("pv1|webhook|" + subscriptionId).getBytes(StandardCharsets.UTF_8);
  }
}
