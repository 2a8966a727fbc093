package org.parcelveil.keys;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * How key material is wrapped under the master key: raw secrets as base64 AEAD ciphertext, keysets in Tink's
 * encrypted JSON format; both bound to the key's name and version, so rows cannot be swapped in the store.
 */
final class Wrapping {
  private Wrapping() {}

  static String wrapSecret(Aead master, byte[] plain, String name, int version) {
    try {
      return Base64.getEncoder().encodeToString(master.encrypt(plain, ad(name, version)));
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("could not wrap the key " + name, e);
    }
  }

  static byte[] unwrapSecret(Aead master, KeyMaterial m) throws GeneralSecurityException {
    return master.decrypt(Base64.getDecoder().decode(m.material()), ad(m.name(), m.version()));
  }

  static String wrapKeyset(Aead master, KeysetHandle handle, String name, int version) {
    try {
      return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(handle, master, ad(name, version));
    } catch (GeneralSecurityException e) {
      throw new KeyStoreException("could not wrap the key " + name, e);
    }
  }

  static KeysetHandle unwrapKeyset(Aead master, KeyMaterial m) throws GeneralSecurityException {
    return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(m.material(), master, ad(m.name(), m.version()));
  }

  /** The row's material unwrapped with {@code from} and wrapped again with {@code to}. */
  static String rewrap(KeyMaterial m, Aead from, Aead to) throws GeneralSecurityException {
    if (KeyMaterial.KEYSET.equals(m.kind())) {
      return wrapKeyset(to, unwrapKeyset(from, m), m.name(), m.version());
    }
    byte[] plain = unwrapSecret(from, m);
    try {
      return wrapSecret(to, plain, m.name(), m.version());
    } finally {
      java.util.Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] ad(String name, int version) {
    return ("parcelveil/" + name + "/" + version).getBytes(StandardCharsets.UTF_8);
  }
}
