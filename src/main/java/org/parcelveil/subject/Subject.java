package org.parcelveil.subject;

import org.parcelveil.vault.Phone;

/**
 * A person who proved control of a phone number, for the life of one session. {@code id} names the session in the
 * audit log (a prefix of the token's hash); the phone is never printed.
 */
public record Subject(String id, Phone phone) {
  @Override
  public String toString() {
    return "Subject[" + id + "]";
  }
}
