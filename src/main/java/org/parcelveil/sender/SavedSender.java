package org.parcelveil.sender;

import java.time.Instant;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.Person;

/** One entry of a merchant's address book of senders, opened: in memory only, printing without the person. */
public record SavedSender(String id, boolean isDefault, Instant createdAt, Person person) {

  /** What the API and the console's select show of it. */
  public Masked masked() {
    return person.masked();
  }

  @Override
  public String toString() {
    return "SavedSender[" + id + (isDefault ? ", default" : "") + ", person=[REDACTED]]";
  }
}
