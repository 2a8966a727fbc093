package org.parcelveil.vault;

import com.google.crypto.tink.Aead;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
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
    Aead aead = keys.sealingBucket(bucket);
    Address a = person.address();
    return new SealedPerson(a.area(),
        encrypt(aead, person.name().reveal(), waybill, role, "name"),
        encrypt(aead, person.phone().reveal(), waybill, role, "phone"),
        a.street() == null ? null : encrypt(aead, a.street().reveal(), waybill, role, "street"),
        encrypt(aead, a.detail().reveal(), waybill, role, "detail"),
        blindIndex.of(person.phone()));
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
    Sensitive street = sealed.street() == null ? null : decrypt(aead, sealed.street(), waybill, role, "street");
    return new Person(
        decrypt(aead, sealed.name(), waybill, role, "name"),
        Phone.ofNormalised(decrypt(aead, sealed.phone(), waybill, role, "phone").reveal()),
        new Address(sealed.area(), street, decrypt(aead, sealed.detail(), waybill, role, "detail")));
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
    return Phone.ofNormalised(decrypt(aead, phoneCipher, waybill, role, "phone").reveal());
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

  private static byte[] encrypt(Aead aead, String plain, String waybill, PartyRole role, String field) {
    try {
      return aead.encrypt(plain.getBytes(StandardCharsets.UTF_8), ad(waybill, role, field));
    } catch (GeneralSecurityException e) {
      throw new VaultException("encryption failed for " + role.wireName() + "." + field, e);
    }
  }

  private static Sensitive decrypt(Aead aead, byte[] cipher, String waybill, PartyRole role, String field) {
    try {
      return Sensitive.of(new String(aead.decrypt(cipher, ad(waybill, role, field)), StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new VaultException("ciphertext of " + role.wireName() + "." + field + " does not belong to this row", e);
    }
  }

  static byte[] ad(String waybill, PartyRole role, String field) {
    return ("pv1|" + waybill + "|" + role.wireName() + "." + field).getBytes(StandardCharsets.UTF_8);
  }
}
