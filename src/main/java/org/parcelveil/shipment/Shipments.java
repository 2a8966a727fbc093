package org.parcelveil.shipment;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Page;
import org.parcelveil.http.Paging;
import org.parcelveil.identity.Principal;
import org.parcelveil.network.Network;
import org.parcelveil.validation.FieldError;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.ShreddedException;
import org.parcelveil.vault.Vault;

/**
 * Creates shipments: validates, numbers, routes, seals the personal data and stores, all or nothing. Plain personal
 * data lives only in memory here, between the request and the vault.
 */
public final class Shipments {
  /** The status of a recipient the network does not serve: the request is well formed, the area is not deliverable. */
  static final int UNSERVED = 422;
  private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[A-Za-z0-9_.:\\-]{1,128}");

  private final ShipmentRepository repository;
  private final Vault vault;
  private final WaybillSource waybills;
  private final Network network;
  private final RequestFingerprint fingerprint;
  private final Clock clock;
  private final RetentionBuckets retention;
  private final Printability printable;
  private final PlatformRecipients platforms;
  private final SenderBook senders;

  public Shipments(ShipmentRepository repository, Vault vault, WaybillSource waybills, Network network,
      RequestFingerprint fingerprint, Clock clock, RetentionBuckets retention, Printability printable,
      PlatformRecipients platforms, SenderBook senders) {
    this.repository = repository;
    this.vault = vault;
    this.waybills = waybills;
    this.network = network;
    this.fingerprint = fingerprint;
    this.clock = clock;
    this.retention = retention;
    this.printable = printable;
    this.platforms = platforms;
    this.senders = senders;
  }

  /** A stored shipment with the masked views of its parties. */
  public record Created(Shipment shipment, Masked sender, Masked recipient) {}

  /** One item of a batch: its waybill, or why it failed. */
  /**
   * One item of a batch: its waybill, or why it was refused: invalid fields, or a marketplace recipient that does
   * not open (a 400 problem of its own type). Either way only this item failed.
   */
  public record BatchOutcome(int index, String waybill, ApiException error) {}

  /**
   * Creates one shipment. With an idempotency key, the same key and body return the first shipment again; the
   * same key with another body is a conflict.
   */
  public Created create(Principal merchant, ShipmentRequest request, String idemKey) {
    if (idemKey != null && !IDEMPOTENCY_KEY.matcher(idemKey).matches()) {
      throw ValidationException.of("Idempotency-Key", "must be 1 to 128 letters, digits or _ . : -");
    }
    NewShipment n = validate(merchant, request);
    String hash = idemKey == null ? null : fingerprint.of(request);
    if (idemKey != null) {
      Optional<Created> earlier = replay(merchant, idemKey, hash);
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    Shipment s = seal(merchant, waybills.next(1).get(0), n, clock.instant());
    try {
      repository.insert(List.of(s), merchant.id(), idemKey, hash);
    } catch (ShipmentRepository.IdempotencyRaceException e) {
      return replay(merchant, idemKey, hash).orElseThrow(() -> new IllegalStateException("idempotency key vanished"));
    }
    return new Created(s, n.sender().masked(), n.recipient().masked());
  }

  /**
   * Creates many shipments in one transaction; an invalid item fails only itself. Validation and sealing, the CPU
   * work, run in parallel for large batches; numbering and the insert stay one step each.
   */
  public List<BatchOutcome> createBatch(Principal merchant, List<Object> items) {
    int n = items.size();
    ApiException[] errors = new ApiException[n];
    NewShipment[] valid = new NewShipment[n];
    PlatformRecipients recipients = platforms.forBatch();
    SenderBook book = SenderBook.memo(senders);
    parallel(n).forEach(i -> {
      Object item = items.get(i);
      if (item instanceof ValidationException e) {
        errors[i] = ApiException.invalid(e.errors());
        return;
      }
      try {
        valid[i] = served(NewShipment.validate(withSender(merchant, (ShipmentRequest) item, book), printable,
            recipients, merchant.id()));
      } catch (ValidationException e) {
        errors[i] = ApiException.invalid(e.errors());
      } catch (ApiException e) {
        if (e.status() != 400 && e.status() != UNSERVED) {
          throw e;
        }
        errors[i] = e; // a sealed or registered recipient this item names does not open: this item's problem
      }
    });
    int ok = (int) java.util.Arrays.stream(valid).filter(java.util.Objects::nonNull).count();
    String[] numbers = new String[n];
    if (ok > 0) {
      java.util.Iterator<String> issued = waybills.next(ok).iterator();
      for (int i = 0; i < n; i++) {
        if (valid[i] != null) {
          numbers[i] = issued.next();
        }
      }
      Instant now = clock.instant();
      Shipment[] sealed = new Shipment[n];
      parallel(n).filter(i -> valid[i] != null).forEach(i -> sealed[i] = seal(merchant, numbers[i], valid[i], now));
      repository.insert(java.util.Arrays.stream(sealed).filter(java.util.Objects::nonNull).toList(), merchant.id(),
          null, null);
    }
    List<BatchOutcome> outcomes = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      outcomes.add(new BatchOutcome(i, numbers[i], errors[i]));
    }
    return outcomes;
  }

  /**
   * Validates a request as {@link #create} does, labels included, without creating anything.
   *
   * @throws ValidationException naming each bad field
   */
  public NewShipment validate(Principal merchant, ShipmentRequest request) {
    return served(NewShipment.validate(withSender(merchant, request, senders), printable, platforms,
        merchant.id()));
  }

  /**
   * The request with its sender in full: as given, the saved sender it names by {@code senderId}, or, when it gives
   * neither, the merchant's default sender (with no default the sender stays missing and validation says so).
   */
  private static ShipmentRequest withSender(Principal merchant, ShipmentRequest request, SenderBook book) {
    if (request.senderId() != null && request.sender() != null) {
      throw ValidationException.of("senderId", "give sender or senderId, not both");
    }
    if (request.sender() != null) {
      return request;
    }
    java.util.Optional<org.parcelveil.vault.PersonInput> saved = book.sender(merchant.id(), request.senderId());
    if (request.senderId() != null && saved.isEmpty()) {
      throw ValidationException.of("senderId", "is not one of your saved senders");
    }
    return saved.map(request::withSender).orElse(request);
  }

  /**
   * Refuses a recipient's district that no station serves, before a number or label exists: such a parcel would
   * only be printed {@link Network#UNROUTED} and go nowhere.
   */
  private NewShipment served(NewShipment n) {
    if (network.stationServing(n.recipient().address().area()).isEmpty()) {
      throw new ApiException(UNSERVED, "unserved-area", "Area not served",
          "The network does not serve the recipient's district.",
          List.of(new FieldError("recipient.address.district", "is not served by the network")), java.util.Map.of());
    }
    return n;
  }


  private static java.util.stream.IntStream parallel(int n) {
    java.util.stream.IntStream range = java.util.stream.IntStream.range(0, n);
    return n >= 200 ? range.parallel() : range;
  }

  /** True if the text has the shape and check character of one of our waybill numbers (no look-up). */
  public boolean isWellFormed(String waybill) {
    return waybill != null && waybills.isWellFormed(waybill);
  }

  /** The shipment, if the text is a well-formed number of ours and it exists. */
  public Optional<Shipment> find(String waybill) {
    if (waybill == null || !waybills.isWellFormed(waybill)) {
      return Optional.empty();
    }
    return repository.find(waybill);
  }

  public List<Shipment> ofMerchant(String merchantId, int limit) {
    return repository.findByMerchant(merchantId, limit);
  }

  /**
   * One page of a merchant's shipments under {@code filter}, newest first; the cursor's position is the last served
   * shipment's creation time and number, so the next page starts strictly after it.
   */
  public Page<ShipmentRepository.Listed> list(String merchantId, ShipmentFilter filter, Paging.Request page) {
    Paging.TimeAndId after = page.after() == null ? null : Paging.timeAndId(page.after());
    List<ShipmentRepository.Listed> rows = repository.page(merchantId, filter, after == null ? null : after.at(),
        after == null ? null : after.id(), page.fetch());
    return Paging.page(page, rows, l -> Paging.timePosition(l.shipment().createdAt(), l.shipment().waybill()));
  }

  /** How many of a merchant's shipments pass {@code filter}. */
  public long count(String merchantId, ShipmentFilter filter) {
    return repository.count(merchantId, filter);
  }

  /** When the shipment's label was first handed out for printing; empty if never. */
  public Optional<Instant> printedAt(String waybill) {
    return repository.printedAt(waybill);
  }

  /** Notes that these shipments' labels were handed out for printing (the first time is kept). */
  public void printed(List<String> waybills) {
    repository.printed(waybills, clock.instant());
  }

  /**
   * The shipments whose sender or recipient has this phone, newest first, found through the phone's blind index
   * under every live key version: nothing is decrypted to find them.
   */
  public List<Shipment> byPhone(org.parcelveil.vault.Phone phone, int limit) {
    return repository.findByPhoneIndex(vault.blindIndex().allOf(phone), limit);
  }

  /** The masked view of one party; null once shredded. */
  public Masked masked(Shipment s, PartyRole role) {
    if (s.isShredded()) {
      return null;
    }
    try {
      return open(s, role).masked();
    } catch (ShreddedException e) {
      return null;
    }
  }

  /**
   * Decrypts one party. Every caller is a disclosure point and must have logged the disclosure first.
   *
   * @throws ShreddedException once the shipment's retention has ended
   */
  public Person open(Shipment s, PartyRole role) {
    if (s.isShredded()) {
      throw new ShreddedException();
    }
    return vault.open(s.waybill(), role, s.retentionDay(), role == PartyRole.SENDER ? s.sender() : s.recipient());
  }

  /**
   * Moves a finished shipment's personal data to the earlier bucket its retention now ends in: decrypted and sealed
   * again under that day's key, in memory only. If this fails or never runs, the data stays in its later bucket.
   */
  public void finished(Shipment s, Instant finishedAt) {
    LocalDate day = retention.bucketAfterFinish(s.retentionDay(), finishedAt);
    if (s.isShredded() || !day.isBefore(s.retentionDay())) {
      return;
    }
    Person sender = open(s, PartyRole.SENDER);
    Person recipient = open(s, PartyRole.RECIPIENT);
    repository.rebucket(s.waybill(), s.retentionDay(), day, vault.seal(s.waybill(), PartyRole.SENDER, day, sender),
        vault.seal(s.waybill(), PartyRole.RECIPIENT, day, recipient));
  }

  private Optional<Created> replay(Principal merchant, String idemKey, String hash) {
    Optional<ShipmentRepository.IdempotencyRecord> earlier = repository.findIdempotency(merchant.id(), idemKey);
    if (earlier.isEmpty()) {
      return Optional.empty();
    }
    if (!earlier.get().requestHash().equals(hash)) {
      throw new IdempotencyConflictException();
    }
    Shipment s = repository.find(earlier.get().waybill()).orElseThrow();
    return Optional.of(new Created(s, masked(s, PartyRole.SENDER), masked(s, PartyRole.RECIPIENT)));
  }

  private Shipment seal(Principal merchant, String waybill, NewShipment n, Instant now) {
    LocalDate bucket = retention.bucketAtCreation(now);
    return new Shipment(waybill, merchant.id(), n.reference(), ShipmentState.CREATED,
        n.sender().address().area(), n.recipient().address().area(),
        network.sortCode(n.recipient().address().area()), n.parcel(), n.cod(), bucket, now, now, null, false,
        vault.seal(waybill, PartyRole.SENDER, bucket, n.sender()),
        vault.seal(waybill, PartyRole.RECIPIENT, bucket, n.recipient()), Shipment.Assignment.NONE, n.sealedOrder(),
        n.payment(), n.deliveryPin());
  }

  /** The idempotency key was used before with another request body. */
  public static final class IdempotencyConflictException extends RuntimeException {
    IdempotencyConflictException() {
      super("idempotency key reused with another body", null, false, false);
    }
  }
}
