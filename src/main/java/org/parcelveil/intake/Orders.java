package org.parcelveil.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.http.ApiException;
import org.parcelveil.validation.Check;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.PersonInput;
import org.parcelveil.verify.VerificationRequest;
import org.parcelveil.vault.Vault;

/**
 * Orders a marketplace registers with their recipient ({@code POST /v1/orders}). The shop gets an opaque handle
 * (as it gets an OAID today) and ships by it; the recipient stays sealed here for {@link #KEPT_DAYS} days.
 */
public final class Orders {
  /** How long a registered order can be shipped; then its bucket key is destroyed with that day's shipments'. */
  public static final int KEPT_DAYS = 90;
  private static final SecureRandom RANDOM = new SecureRandom();
  private final PlatformOrderRepository repository;
  private final Principals principals;
  private final Vault vault;
  private final Clock clock;

  Orders(PlatformOrderRepository repository, Principals principals, Vault vault, Clock clock) {
    this.repository = repository;
    this.principals = principals;
    this.vault = vault;
    this.clock = clock;
  }

  public static Orders create(javax.sql.DataSource dataSource, Principals principals, Vault vault, Clock clock) {
    return new Orders(new PlatformOrderRepository(dataSource), principals, vault, clock);
  }

  /** What registering answered: the handle, whether this call made it, and the masked preview. */
  public record Registered(String handle, boolean created, Masked preview) {}

  /** An order the shop may ship, with its recipient opened (in memory only). */
  public record Opened(String handle, String platformId, String orderId, Person recipient) {
    @Override
    public String toString() {
      return "Opened[" + handle + "]";
    }
  }

  /**
   * Registers the order, or answers the handle it already has when the same platform registers the same order for
   * the same shop with the same recipient again. Another recipient for a registered order is a conflict.
   */
  public Registered register(Principal platform, String merchantId, String orderId, PersonInput recipient) {
    Check check = new Check();
    if (orderId == null || !VerificationRequest.ORDER_ID.matcher(orderId).matches()) {
      check.fail("orderId", "must be 1 to 64 letters, digits or _ . : / # - characters");
    }
    Optional<Principal> merchant = merchantId == null ? Optional.empty() : principals.find(merchantId);
    if (merchant.isEmpty() || merchant.get().role() != Role.MERCHANT || merchant.get().isRevoked()) {
      check.fail("merchant", "is not a merchant");
    }
    Person person = recipient == null ? null : recipient.validate(check, "recipient");
    if (recipient == null) {
      check.fail("recipient", "is required");
    }
    check.throwIfInvalid();
    // Insert first and look up only on a conflict: a new order, the common case, then costs one database round trip
    // instead of two. A repeat finds the unique key taken and is answered from the stored order as before.
    Instant now = clock.instant();
    LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(KEPT_DAYS);
    String handle = "pvo_" + SealedValue.encode(random());
    PlatformOrder order = new PlatformOrder(handle, platform.id(), orderId, merchantId, day, now,
        vault.seal(handle, PartyRole.RECIPIENT, day, person));
    if (repository.insert(order)) {
      return new Registered(handle, true, person.masked());
    }
    // Registered before, by this platform's earlier call or a concurrent one.
    return existing(platform.id(), orderId, merchantId, person).orElseThrow();
  }

  private Optional<Registered> existing(String platformId, String orderId, String merchantId, Person person) {
    return repository.find(platformId, orderId, merchantId).map(o -> {
      Person stored = vault.open(o.handle(), PartyRole.RECIPIENT, o.retentionDay(), o.recipient());
      if (!stored.equals(person)) {
        throw ApiException.conflict("This order is registered with another recipient.");
      }
      return new Registered(o.handle(), false, stored.masked());
    });
  }

  /** The order behind {@code handle} if it is this merchant's and can still be shipped; empty otherwise. */
  public Optional<Opened> open(String handle, String merchantId) {
    if (handle == null || handle.length() > 40) {
      return Optional.empty();
    }
    return repository.findForMerchant(handle, merchantId)
        .filter(o -> !LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).isAfter(o.retentionDay()))
        .map(o -> new Opened(o.handle(), o.platformId(), o.orderId(),
            vault.open(o.handle(), PartyRole.RECIPIENT, o.retentionDay(), o.recipient())));
  }

  private static byte[] random() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return b;
  }
}
