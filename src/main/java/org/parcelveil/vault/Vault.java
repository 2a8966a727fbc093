package org.parcelveil.vault;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.function.Function;
import org.parcelveil.keys.KeyDestroyedException;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;

/**
 * Encrypts and decrypts personal data. Each field is its own AEAD ciphertext under the key of the shipment's
 * retention bucket, with the waybill and field name as associated data, so a ciphertext moved to another row or
 * field fails to decrypt.
 */
public final class Vault {
  private final KeyStore keys;
  private final BlindIndex blindIndex;

  public Vault(KeyStore keys, BlindIndex blindIndex) {
    this.keys = keys;
    this.blindIndex = blindIndex;
  }

  public BlindIndex blindIndex() {
    return blindIndex;
  }

  public SealedPerson seal(String waybill, PartyRole role, LocalDate bucket, Person person) {
    return seal(keys.sealingBucket(bucket), role.wireName(), field -> ad(waybill, role, field), person);
  }

  /**
   * Decrypts a person.
   *
   * @throws ShreddedException if the bucket's key was destroyed
   */
  public Person open(String waybill, PartyRole role, LocalDate bucket, SealedPerson sealed) {
    Aead aead;
    try {
      aead = keys.bucket(bucket);
    } catch (KeyDestroyedException e) {
      throw new ShreddedException();
    }
    return open(aead, role.wireName(), field -> ad(waybill, role, field), sealed);
  }

  /**
   * Seals a sender a merchant keeps in its address book, beyond any one shipment: under the {@code senders} keyset
   * rather than a retention bucket, each field bound to the merchant and the entry, so a ciphertext moved to another
   * merchant's or entry's row does not open. Deleting the entry deletes the data.
   */
  public SealedPerson sealSaved(String merchantId, String entryId, Person person) {
    return seal(keys.keyset(KeyName.SENDERS), "sender", field -> savedAd(merchantId, entryId, field), person);
  }

  /** Opens a sender sealed by {@link #sealSaved}. */
  public Person openSaved(String merchantId, String entryId, SealedPerson sealed) {
    return open(keys.keyset(KeyName.SENDERS), "sender", field -> savedAd(merchantId, entryId, field), sealed);
  }

  private SealedPerson seal(Aead aead, String who, Function<String, byte[]> ad, Person person) {
    Address a = person.address();
    return new SealedPerson(a.area(),
        encrypt(aead, person.name().reveal(), who, "name", ad),
        encrypt(aead, person.phone().reveal(), who, "phone", ad),
        a.street() == null ? null : encrypt(aead, a.street().reveal(), who, "street", ad),
        encrypt(aead, a.detail().reveal(), who, "detail", ad),
        blindIndex.of(person.phone()));
  }

  private static Person open(Aead aead, String who, Function<String, byte[]> ad, SealedPerson sealed) {
    Sensitive street = sealed.street() == null ? null : decrypt(aead, sealed.street(), who, "street", ad);
    return new Person(
        decrypt(aead, sealed.name(), who, "name", ad),
        Phone.ofNormalised(decrypt(aead, sealed.phone(), who, "phone", ad).reveal()),
        new Address(sealed.area(), street, decrypt(aead, sealed.detail(), who, "detail", ad)));
  }

  /**
   * Decrypts one party's phone only, leaving the other fields sealed: what re-indexing after a blind-index
   * rotation needs.
   *
   * @throws ShreddedException if the bucket's key was destroyed
   */
  public Phone openPhone(String waybill, PartyRole role, LocalDate bucket, byte[] phoneCipher) {
    Aead aead;
    try {
      aead = keys.bucket(bucket);
    } catch (KeyDestroyedException e) {
      throw new ShreddedException();
    }
    return Phone.ofNormalised(decrypt(aead, phoneCipher, role.wireName(), "phone", f -> ad(waybill, role, f)).reveal());
  }

  /** Seals a principal's work phone (couriers) under the work-phone key, so its blind index can be recomputed. */
  public byte[] sealWorkPhone(String principalId, Phone phone) {
    try {
      return keys.keyset(KeyName.WORK_PHONES)
          .encrypt(phone.reveal().getBytes(StandardCharsets.UTF_8), workAd(principalId));
    } catch (GeneralSecurityException e) {
      throw new VaultException("encryption failed for a work phone", e);
    }
  }

  /** Opens a work phone sealed by {@link #sealWorkPhone}. */
  public Phone openWorkPhone(String principalId, byte[] sealed) {
    try {
      return Phone.ofNormalised(
          new String(keys.keyset(KeyName.WORK_PHONES).decrypt(sealed, workAd(principalId)), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new VaultException("a work phone does not belong to its principal", e);
    }
  }

  private static byte[] workAd(String principalId) {
    return ("pv1|principal|" + principalId + "|phone").getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] encrypt(Aead aead, String plain, String who, String field, Function<String, byte[]> ad) {
    try {
      return aead.encrypt(plain.getBytes(StandardCharsets.UTF_8), ad.apply(field));
    } catch (GeneralSecurityException e) {
      throw new VaultException("encryption failed for " + who + "." + field, e);
    }
  }

  private static Sensitive decrypt(Aead aead, byte[] cipher, String who, String field, Function<String, byte[]> ad) {
    try {
      return Sensitive.of(new String(aead.decrypt(cipher, ad.apply(field)), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new VaultException("ciphertext of " + who + "." + field + " does not belong to this row", e);
    }
  }

  private static byte[] savedAd(String merchantId, String entryId, String field) {
    return ("pv1|saved-sender|" + merchantId + "|" + entryId + "|" + field).getBytes(StandardCharsets.UTF_8);
  }

  static byte[] ad(String waybill, PartyRole role, String field) {
    return ("pv1|" + waybill + "|" + role.wireName() + "." + field).getBytes(StandardCharsets.UTF_8);
  }
}
