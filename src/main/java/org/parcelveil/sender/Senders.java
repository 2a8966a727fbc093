package org.parcelveil.sender;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.shipment.SenderBook;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.PersonInput;
import org.parcelveil.vault.Vault;

/**
 * A merchant's address book of senders and its default sender: saved sealed, opened only for the merchant that
 * saved them. Another merchant's entry is the same as one that does not exist.
 */
public final class Senders implements SenderBook {
  /** The most entries one merchant keeps: a shop and its warehouses, not a customer list. */
  public static final int MAX_PER_MERCHANT = 50;
  private static final Pattern ID = Pattern.compile("snd_[A-Za-z0-9_-]{22}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SenderRepository repository;
  private final Vault vault;
  private final Clock clock;

  public Senders(DataSource dataSource, Vault vault, Clock clock) {
    this.repository = new SenderRepository(dataSource);
    this.vault = vault;
    this.clock = clock;
  }

  /**
   * Validates and saves a sender for the merchant, as its default if asked.
   *
   * @throws ValidationException naming each bad field (under {@code sender}), or when the book is full
   */
  public SavedSender save(String merchantId, PersonInput input, boolean asDefault) {
    Check check = new Check();
    Person person = input == null ? null : input.validateSender(check, "sender");
    if (input == null) {
      check.fail("sender", "is required");
    }
    check.throwIfInvalid();
    String id = newId();
    java.time.Instant now = clock.instant();
    if (!repository.insert(merchantId, id, now, vault.sealSaved(merchantId, id, person), asDefault,
        MAX_PER_MERCHANT)) {
      throw ValidationException.of("sender", "the address book is full (" + MAX_PER_MERCHANT + " senders): delete one");
    }
    return new SavedSender(id, asDefault, now, person);
  }

  /** The merchant's senders, the default first. */
  public List<SavedSender> list(String merchantId) {
    return repository.list(merchantId).stream().map(r -> open(merchantId, r)).toList();
  }

  /** The merchant's sender {@code id}; empty for an id of another merchant or none. */
  public Optional<SavedSender> find(String merchantId, String id) {
    return wellFormed(id) ? repository.find(merchantId, id).map(r -> open(merchantId, r)) : Optional.empty();
  }

  public Optional<SavedSender> defaultSender(String merchantId) {
    return repository.findDefault(merchantId).map(r -> open(merchantId, r));
  }

  /** Deletes the merchant's entry (its sealed data with it); false if it had none such. */
  public boolean delete(String merchantId, String id) {
    return wellFormed(id) && repository.delete(merchantId, id);
  }

  /** Makes the merchant's entry its default; false if it has none such. */
  public boolean makeDefault(String merchantId, String id) {
    return wellFormed(id) && repository.makeDefault(merchantId, id);
  }

  @Override
  public Optional<PersonInput> sender(String merchantId, @Nullable String senderId) {
    Optional<SavedSender> s = senderId == null ? defaultSender(merchantId) : find(merchantId, senderId);
    return s.map(saved -> asInput(saved.person()));
  }

  /** The person as a request would give it, to be validated again with the shipment (rules may have grown). */
  static PersonInput asInput(Person p) {
    return new PersonInput(p.name().reveal(), p.phone().reveal(), new PersonInput.AddressInput(
        p.address().area().province(), p.address().area().city(), p.address().area().district(),
        p.address().street() == null ? null : p.address().street().reveal(), p.address().detail().reveal()));
  }

  private SavedSender open(String merchantId, SenderRepository.Row r) {
    return new SavedSender(r.id(), r.isDefault(), r.createdAt(), vault.openSaved(merchantId, r.id(), r.sealed()));
  }

  private static boolean wellFormed(String id) {
    return id != null && ID.matcher(id).matches();
  }

  private static String newId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return "snd_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
