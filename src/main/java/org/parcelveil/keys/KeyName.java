package org.parcelveil.keys;

/**
 * Every named key the service uses: the complete list the key store provisions at first start or upgrade
 * ({@link KeyStore#provision()}). Each carries the name it is stored under, so stores made before this list keep
 * working. Bucket keys, one per retention day, are not named here: they come and go with the days.
 */
public enum KeyName {
  WAYBILL("waybill", Kind.SECRET),
  BLIND_INDEX("blind-index", Kind.SECRET),
  QR("qr", Kind.SECRET),
  AUDIT_SIGNING("audit-signing", Kind.SECRET),
  IDEMPOTENCY("idempotency", Kind.SECRET),
  RELAY_WEBHOOK("relay-webhook", Kind.SECRET),
  ALERTS_WEBHOOK("alerts-webhook", Kind.SECRET),
  LEAKS_CLIENT("leaks-client", Kind.SECRET),
  SUBJECT_CODES("subject-codes", Kind.SECRET),
  /** The key of pickup codes' and delivery PINs' MACs (the pickup feature stores no code in clear). */
  PICKUP_CODES("pickup-codes", Kind.SECRET),
  WEB_TOTP("web-totp", Kind.SECRET),
  WEB_SIGNIN_NAMES("web-signin-names", Kind.SECRET),
  WEB_SIGNIN_CLIENTS("web-signin-clients", Kind.SECRET),
  WORK_PHONES("work-phones", Kind.KEYSET),
  /** The seed of each intake key pair that marketplaces seal recipients to (HPKE, X25519). */
  INTAKE("intake", Kind.SECRET),
  /** The key of each merchant's buyer pseudonyms. */
  BUYER_PSEUDONYMS("buyer-pseudonyms", Kind.SECRET),
  /** The key of the pseudonyms a person's disclosure history shows for the principals who saw their data. */
  DISCLOSURE_PSEUDONYMS("disclosure-pseudonyms", Kind.SECRET),
  /** Merchants' saved senders (the sender feature's address book), sealed for as long as the merchant keeps them. */
  SENDERS("senders", Kind.KEYSET),
  /** The keyset that seals tracking webhooks' signing secrets at rest. */
  WEBHOOK_SECRETS("webhook-secrets", Kind.KEYSET);

  /** What a key is: versioned 32-byte raw secrets, or a Tink AEAD keyset. */
  public enum Kind { SECRET, KEYSET }

  private final String stored;
  private final Kind kind;

  KeyName(String stored, Kind kind) {
    this.stored = stored;
    this.kind = kind;
  }

  /** The name the key is stored under (and shown by {@code keys list}). */
  public String stored() {
    return stored;
  }

  public Kind kind() {
    return kind;
  }

}
