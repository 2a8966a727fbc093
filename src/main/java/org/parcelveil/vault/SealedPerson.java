package org.parcelveil.vault;

import org.jspecify.annotations.Nullable;

/**
 * A person as stored: each field a separate AEAD ciphertext bound to its waybill and field, plus the blind index
 * of the phone. The area stays in clear for sorting.
 */
public record SealedPerson(Area area, byte[] name, byte[] phone, byte @Nullable [] street, byte[] detail,
    String phoneIndex) {

  @Override
  public String toString() {
    return "SealedPerson[" + area + ", ciphertext]";
  }
}
