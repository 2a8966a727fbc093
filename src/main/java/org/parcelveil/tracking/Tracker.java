package org.parcelveil.tracking;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.parcelveil.audit.AuditUnavailableException;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.shipment.CancelledShipment;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.ShipmentEvent;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.subject.DisclosureHistory;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.vault.Person;
import org.parcelveil.vault.ShreddedException;
import org.parcelveil.waybill.WaybillCodec;

/**
 * Looks parcels up for the public: by number (optionally with the last four digits of the recipient's phone) or by
 * the waybill inside a checked label token. No rate limits here; {@link TrackingRoutes} applies them.
 *
 * <p>An unknown, a never-issued and a malformed number cost the same: a well-formed number is always looked up in
 * the database, and anything else looks up a random well-formed number instead, so that timing does not tell them
 * apart. Plain personal data is decrypted only in memory, to compare digits and to mask; it never leaves.
 */
public final class Tracker {
  static final int MAX_INPUT = 64;

  private final Shipments shipments;
  private final EventRepository events;
  private final Network network;
  private final String prefix;
  private final String padding;
  private final Cache<String, AtomicInteger> wrongGuesses;
  private final int wrongGuessLimit;
  private final DisclosureHistory disclosures;

  public Tracker(Shipments shipments, EventRepository events, Network network, String waybillPrefix,
      TrackingSettings settings, DisclosureHistory disclosures) {
    this.disclosures = disclosures;
    this.shipments = shipments;
    this.events = events;
    this.network = network;
    this.prefix = waybillPrefix;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.padding = new WaybillCodec(waybillPrefix, key).encode(new SecureRandom().nextLong(100_000_000_000_000L));
    this.wrongGuessLimit = settings.wrongGuessesPerWaybill();
    this.wrongGuesses = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofDays(1)).build();
  }

  /** What a look-up found; {@code miss} when nothing was found or the phone digits were wrong. */
  public record Outcome(@Nullable Tracked tracked, boolean miss) {
    public Optional<Tracked> found() {
      return Optional.ofNullable(tracked);
    }
  }

  /**
   * Tracks by number as typed (spaces and hyphens ignored, any case). With {@code phoneLast4} (four digits,
   * already checked) the recipient's phone is compared in constant time; a match shows the masked recipient and
   * the declared cash-on-delivery amount, and who saw the recipient's data (never without a match: no oracle).
   */
  public Outcome track(String waybillText, @Nullable String phoneLast4) {
    Optional<Shipment> found = find(waybillText);
    if (found.isEmpty()) {
      return new Outcome(null, true);
    }
    Shipment s = found.get();
    if (phoneLast4 == null || CancelledShipment.is(s)) {
      // A cancelled number is void: it says so, and nothing of the recipient is compared or shown.
      return new Outcome(view(s, Tracked.PhoneCheck.NOT_ASKED, false, null), false);
    }
    Person recipient = open(s);
    if (recipient == null) {
      return new Outcome(view(s, Tracked.PhoneCheck.UNAVAILABLE, false, null), false);
    }
    boolean match = MessageDigest.isEqual(recipient.phone().lastFour().getBytes(StandardCharsets.US_ASCII),
        phoneLast4.getBytes(StandardCharsets.US_ASCII));
    AtomicInteger wrong = wrongGuesses.getIfPresent(s.waybill());
    boolean locked = wrong != null && wrong.get() >= wrongGuessLimit;
    if (match && !locked) {
      Tracked t = view(s, Tracked.PhoneCheck.VERIFIED, true, recipient);
      DisclosureHistory.History seen;
      try {
        seen = disclosures.ofParcel(s.waybill(), PartyRole.RECIPIENT);
      } catch (AuditUnavailableException e) {
        // Tracking still answers (people check COD demands with it); the list is absent, never shown empty.
        seen = null;
      }
      return new Outcome(new Tracked(t.waybill(), t.state(), t.events(), t.phoneCheck(), t.detailsShown(),
          t.recipient(), t.cod(), seen), false);
    }
    if (!match) {
      wrongGuesses.get(s.waybill(), k -> new AtomicInteger()).incrementAndGet();
    }
    return new Outcome(view(s, Tracked.PhoneCheck.WRONG, false, null), true);
  }

  /**
   * The parcel behind a label token already checked by {@code QrTokens}: whoever holds the label sees what the
   * label shows (masked recipient) and the declared cash-on-delivery amount, so they can tell a genuine parcel
   * and a genuine charge from a fake one.
   */
  public Outcome byLabel(@Nullable String waybill) {
    Optional<Shipment> found = find(waybill == null ? "" : waybill);
    if (found.isEmpty()) {
      return new Outcome(null, true);
    }
    Shipment s = found.get();
    if (CancelledShipment.is(s)) {
      return new Outcome(view(s, Tracked.PhoneCheck.NOT_ASKED, false, null), false);
    }
    return new Outcome(view(s, Tracked.PhoneCheck.NOT_ASKED, true, open(s)), false);
  }

  /** The canonical form of a typed number: white space and hyphens dropped, ASCII letters upper-cased. */
  static @Nullable String canonical(String text) {
    if (text == null || text.length() > MAX_INPUT) {
      return null;
    }
    StringBuilder b = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '-') {
        continue;
      }
      b.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
    }
    return b.toString();
  }

  private Optional<Shipment> find(String text) {
    String canonical = canonical(text);
    boolean wellFormed = canonical != null && WaybillCodec.isWellFormed(canonical, prefix);
    // The same database work for every input, so timing does not separate malformed from unknown numbers.
    Optional<Shipment> s = shipments.find(wellFormed ? canonical : padding);
    return wellFormed ? s : Optional.empty();
  }

  private @Nullable Person open(Shipment s) {
    try {
      return s.isShredded() ? null : shipments.open(s, PartyRole.RECIPIENT);
    } catch (ShreddedException e) {
      return null;
    }
  }

  private Tracked view(Shipment s, Tracked.PhoneCheck check, boolean details, @Nullable Person recipient) {
    List<Tracked.Event> list = events.of(s.waybill()).stream()
        .map(this::event)
        .toList();
    return new Tracked(s.waybill(), s.state(), list, check, details,
        details && recipient != null ? recipient.masked() : null, details ? s.cod() : null, null);
  }

  /** The event with the city and public name of its station or hub (a redirect's: the new destination). */
  private Tracked.Event event(ShipmentEvent e) {
    java.util.Optional<Station> at = e.stationCode() == null ? java.util.Optional.empty()
        : network.find(e.stationCode());
    return new Tracked.Event(e.type(), e.at(), at.map(s -> s.area().city()).orElse(null),
        at.map(Station::name).orElse(null), at.map(s -> s.kind().name()).orElse(null), e.reason());
  }
}
