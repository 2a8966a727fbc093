package org.parcelveil.shipment;

import java.util.Currency;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.PersonInput;

/** A validated request for a shipment, with its people still in plain form (in memory only). */
public record NewShipment(String reference, Person sender, Person recipient, Parcel parcel, @Nullable Cod cod,
    @Nullable SealedOrder sealedOrder, Payment payment, boolean deliveryPin) {
  static final int MAX_WEIGHT_GRAMS = 100_000;
  static final int MAX_SIDE_CM = 300;
  static final long MAX_COD_CENTS = 10_000_000L;
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /**
   * Validates every field, including that a label can print what it shows of each party, and reports all errors at
   * once.
   *
   * @throws ValidationException naming each bad field
   */
  public static NewShipment validate(ShipmentRequest r, Printability printable) {
    return validate(r, printable, PlatformRecipients.NONE, null);
  }

  /**
   * As {@link #validate(ShipmentRequest, Printability)}, opening a recipient that comes from a platform (sealed or
   * registered) for {@code merchantId}. A recipient that does not open fails before anything else is looked at.
   */
  public static NewShipment validate(ShipmentRequest r, Printability printable, PlatformRecipients platforms,
      @Nullable String merchantId) {
    RecipientInput given = r.recipient();
    PlatformRecipients.Opened opened = null;
    if (given != null && given.mixesForms()) {
      throw ValidationException.of("recipient", "give the recipient in plain, sealed or as an order, not mixed");
    }
    if (given != null && given.fromPlatform()) {
      opened = platforms.open(given, merchantId);
    }
    Check check = new Check();
    String reference = check.text("reference", r.reference(), 1, 64);
    Person sender = party(check, "sender", r.sender(), printable);
    Person recipient = party(check, "recipient",
        opened != null ? opened.recipient() : given == null ? null : given.asPlain(), printable);
    Parcel parcel = parcel(check, r.parcel());
    Cod cod = cod(check, r.cod());
    Payment payment = r.payment() == null ? Payment.DEFAULT : Payment.parse(r.payment()).orElse(null);
    if (payment == null) {
      check.fail("payment", "must be SENDER, RECIPIENT or MONTHLY");
    }
    check.throwIfInvalid();
    SealedOrder order = opened == null ? null
        : new SealedOrder(opened.platformId(), opened.orderId(), platforms.pseudonym(merchantId, recipient));
    return new NewShipment(reference, sender, recipient, parcel, cod, order, payment,
        Boolean.TRUE.equals(r.deliveryPin()));
  }

  private static Person party(Check check, String prefix, PersonInput input, Printability printable) {
    if (input == null) {
      check.fail(prefix, prefix.equals("sender")
          ? "is required: give sender or senderId, or save a default sender (POST /v1/senders)" : "is required");
      return null;
    }
    // Its own check: a person is only built when its fields are valid, and the other party's errors must not
    // hide what a label could not print of this one.
    Check own = new Check();
    // Senders may give a landline; a recipient needs a mobile for codes, texts and relayed calls.
    Person p = prefix.equals("sender") ? input.validateSender(own, prefix) : input.validate(own, prefix);
    if (p != null) {
      printable.check(own, prefix, p);
    }
    own.errors().forEach(e -> check.fail(e.field(), e.message()));
    return own.ok() ? p : null;
  }

  private static Parcel parcel(Check check, ShipmentRequest.ParcelInput p) {
    if (p == null) {
      check.fail("parcel", "is required");
      return null;
    }
    if (p.weightGrams() == null) {
      check.fail("parcel.weightGrams", "is required");
    } else if (p.weightGrams() < 1 || p.weightGrams() > MAX_WEIGHT_GRAMS) {
      check.fail("parcel.weightGrams", "must be between 1 and " + MAX_WEIGHT_GRAMS);
    }
    side(check, "parcel.lengthCm", p.lengthCm());
    side(check, "parcel.widthCm", p.widthCm());
    side(check, "parcel.heightCm", p.heightCm());
    return check.ok() ? new Parcel(p.weightGrams(), p.lengthCm(), p.widthCm(), p.heightCm()) : null;
  }

  private static void side(Check check, String field, Integer cm) {
    if (cm != null && (cm < 1 || cm > MAX_SIDE_CM)) {
      check.fail(field, "must be between 1 and " + MAX_SIDE_CM);
    }
  }

  private static Cod cod(Check check, ShipmentRequest.CodInput c) {
    if (c == null) {
      return null;
    }
    boolean ok = true;
    if (c.amountCents() == null || c.amountCents() < 1 || c.amountCents() > MAX_COD_CENTS) {
      check.fail("cod.amountCents", "must be between 1 and " + MAX_COD_CENTS);
      ok = false;
    }
    if (c.currency() == null || !CURRENCY.matcher(c.currency()).matches() || !isIso4217(c.currency())) {
      check.fail("cod.currency", "must be an ISO 4217 currency code such as CNY");
      ok = false;
    }
    return ok ? new Cod(c.amountCents(), c.currency()) : null;
  }

  private static boolean isIso4217(String code) {
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public String toString() {
    return "NewShipment[reference=" + reference + ", parties=[REDACTED]]";
  }
}
