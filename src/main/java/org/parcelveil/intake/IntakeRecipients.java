package org.parcelveil.intake;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.parcelveil.access.Principals;
import org.parcelveil.http.ApiException;
import org.parcelveil.identity.Role;
import org.parcelveil.shipment.PlatformRecipients;
import org.parcelveil.shipment.RecipientInput;
import org.parcelveil.validation.Check;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.PersonInput;

/** Recipients from marketplaces, for shipments: sealed values opened here, registered orders looked up by handle. */
final class IntakeRecipients implements PlatformRecipients {
  private final IntakeOpener opener;
  private final Orders orders;
  private final Principals principals;
  private final BuyerPseudonyms pseudonyms;
  /** Within one batch: whether each platform named so far is a live platform; null outside a batch. */
  private final @Nullable Map<String, Boolean> platformsOfBatch;

  IntakeRecipients(IntakeOpener opener, Orders orders, Principals principals, BuyerPseudonyms pseudonyms) {
    this(opener, orders, principals, pseudonyms, null);
  }

  private IntakeRecipients(IntakeOpener opener, Orders orders, Principals principals, BuyerPseudonyms pseudonyms,
      @Nullable Map<String, Boolean> platformsOfBatch) {
    this.opener = opener;
    this.orders = orders;
    this.principals = principals;
    this.pseudonyms = pseudonyms;
    this.platformsOfBatch = platformsOfBatch;
  }

  /** A batch names one or a few platforms for hundreds of items: each is looked up once per request. */
  @Override
  public PlatformRecipients forBatch() {
    return new IntakeRecipients(opener, orders, principals, pseudonyms, new ConcurrentHashMap<>());
  }

  private boolean isPlatform(String id) {
    return platformsOfBatch == null ? lookUpPlatform(id) : platformsOfBatch.computeIfAbsent(id, this::lookUpPlatform);
  }

  private boolean lookUpPlatform(String id) {
    return principals.find(id).filter(p -> p.role() == Role.PLATFORM && !p.isRevoked()).isPresent();
  }

  @Override
  public Opened open(RecipientInput input, String merchantId) {
    if (input.order() != null) {
      if (input.sealed() != null || input.platform() != null || input.orderId() != null) {
        new Check().fail("recipient.order", "goes alone: no sealed, platform or orderId with it").throwIfInvalid();
      }
      // The same answer whether the handle is unknown, another shop's, or expired: a handle proves nothing.
      Orders.Opened o = orders.open(input.order(), merchantId).orElseThrow(() -> new ApiException(400,
          "order-unknown", "Unknown order", "No order registered for you has this handle, or it has expired."));
      return new Opened(plain(o.recipient()), o.platformId(), o.orderId());
    }
    Check check = new Check();
    if (input.sealed() == null) {
      check.fail("recipient.sealed", "is required with platform and orderId");
    }
    if (input.platform() == null) {
      check.fail("recipient.platform", "is required with a sealed recipient");
    } else if (!isPlatform(input.platform())) {
      check.fail("recipient.platform", "is not a platform");
    }
    if (input.orderId() == null) {
      check.fail("recipient.orderId", "is required with a sealed recipient");
    }
    check.throwIfInvalid();
    return new Opened(opener.open(input.sealed(), input.platform(), input.orderId(), merchantId), input.platform(),
        input.orderId());
  }

  @Override
  public String pseudonym(String merchantId, Person buyer) {
    return pseudonyms.of(merchantId, buyer);
  }

  private static PersonInput plain(Person p) {
    return new PersonInput(p.name().reveal(), p.phone().reveal(), new PersonInput.AddressInput(
        p.address().area().province(), p.address().area().city(), p.address().area().district(),
        p.address().street() == null ? null : p.address().street().reveal(), p.address().detail().reveal()));
  }
}
