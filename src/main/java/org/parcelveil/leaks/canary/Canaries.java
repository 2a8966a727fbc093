package org.parcelveil.leaks.canary;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.leaks.detect.CanaryCheck;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.Phone;

/**
 * Canary parcels: real shipments, created through the normal path by an internal merchant, with synthetic parties,
 * then marked in the canary table with the channel they are exposed through. Only security sees which they are.
 * Keeps the canary waybills in memory (reloaded by {@link #refresh()}) so every access can be checked cheaply.
 */
public final class Canaries implements CanaryCheck {
  private static final Pattern CHANNEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@-]{0,79}");
  private static final String INTERNAL_MERCHANT = "Internal shipping";

  private final CanaryRepository repository;
  private final Shipments shipments;
  private final Principals principals;
  private final Network network;
  private final BlindIndex blindIndex;
  private final AuditLog audit;
  private final CanarySettings settings;
  private final Clock clock;
  private final CanaryParties parties;
  private final Map<String, String> channels = new ConcurrentHashMap<>();

  public Canaries(javax.sql.DataSource dataSource, Shipments shipments, Principals principals, Network network,
      BlindIndex blindIndex, AuditLog audit, CanarySettings settings, Clock clock) {
    this.repository = new CanaryRepository(dataSource);
    this.shipments = shipments;
    this.principals = principals;
    this.network = network;
    this.blindIndex = blindIndex;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
    this.parties = new CanaryParties(settings.phonePrefix());
  }

  /** Creates {@code count} canaries exposed through {@code channel}; returns their waybills. */
  public List<String> create(Principal actor, String channel, Integer count) {
    Check check = new Check();
    if (channel == null || !CHANNEL.matcher(channel).matches()) {
      check.fail("channel", "must be 1 to 80 letters, digits or _ . : @ -, e.g. station:HZ-XH01");
    }
    if (count == null || count < 1 || count > settings.maxPerRequest()) {
      check.fail("count", "must be between 1 and " + settings.maxPerRequest());
    }
    check.throwIfInvalid();
    List<Area> districts = network.all().stream().filter(s -> s.kind() == Station.Kind.STATION)
        .map(Station::area).toList();
    if (districts.isEmpty()) {
      throw ValidationException.of("channel", "the network has no delivery stations to place canaries in");
    }
    List<Object> requests = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      requests.add(parties.request(districts));
    }
    // Logged first, as every other account-level action: no canary exists that the log does not know of.
    audit.append(AuditRecord.admin("canary.create", actor.id(), actor.role().wireName(),
        "channel=" + channel + " count=" + count));
    List<String> waybills = shipments.createBatch(merchant(), requests).stream()
        .map(Shipments.BatchOutcome::waybill).toList();
    repository.mark(waybills, channel, actor.id(), clock.instant());
    waybills.forEach(w -> channels.put(w, channel));
    return waybills;
  }

  public List<Canary> all() {
    return repository.all();
  }

  @Override
  public Optional<String> channelOf(String waybill) {
    return waybill == null ? Optional.empty() : Optional.ofNullable(channels.get(waybill));
  }

  /** Canary waybills whose phone (recipient's or sender's) is this number. */
  public List<String> byPhone(Phone phone) {
    return repository.byPhoneIndex(blindIndex.allOf(phone));
  }

  /** Reloads the canary list (other nodes may have made some). */
  public void refresh() {
    repository.all().forEach(c -> channels.put(c.waybill(), c.channel()));
  }

  /** The internal merchant that creates canaries: made once, on first use. */
  private Principal merchant() {
    Optional<String> id = repository.internalMerchant();
    if (id.isEmpty()) {
      Principal created = principals.create(null, "merchant", INTERNAL_MERCHANT, null).principal();
      if (!repository.setInternalMerchant(created.id())) {
        principals.revoke(null, created.id()); // another node made one first: keep theirs
      }
      id = repository.internalMerchant();
    }
    return principals.find(id.orElseThrow()).orElseThrow(() -> new IllegalStateException("canary merchant missing"));
  }
}
