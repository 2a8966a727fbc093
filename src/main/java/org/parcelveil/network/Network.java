package org.parcelveil.network;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.parcelveil.validation.Check;
import org.parcelveil.vault.Area;

/**
 * The carrier's network of hubs and stations, and the routing it implies: which station serves a district, which
 * hub sorts for a city, and the sort code printed on a label.
 *
 * <p>Stations change rarely and routing runs for every shipment, so the list is held in memory: reloaded on every
 * change made through this node, and at least every {@link #REFRESH} so that nodes see each other's changes.
 */
public final class Network {
  public static final String UNROUTED = "UNROUTED";
  private static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]{1,31}");

  private final StationRepository repository;
  private final Clock clock;
  static final java.time.Duration REFRESH = java.time.Duration.ofSeconds(5);
  private final AtomicReference<Cached> cache = new AtomicReference<>();

  /** Routes memoised per snapshot, at most this many (areas come from requests, so the set is not bounded). */
  static final int MEMO_LIMIT = 4096;

  /**
   * A snapshot of the stations and the routes worked out on it: every scan asks for its parcel's route (a pass over
   * all stations), and a network has few origin-destination pairs that matter. A new snapshot starts empty.
   */
  private record Cached(List<Station> stations, java.time.Instant until,
      java.util.concurrent.ConcurrentHashMap<List<Area>, Route> routes) {
    Cached(List<Station> stations, java.time.Instant until) {
      this(stations, until, new java.util.concurrent.ConcurrentHashMap<>());
    }
  }

  public Network(StationRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Creates a station or hub; a taken code is a conflict. */
  public Station create(String code, String name, String kind, Area area) {
    Check check = new Check();
    if (code == null || !CODE.matcher(code).matches()) {
      check.fail("code", "must be 2 to 32 upper-case letters, digits, '-' or '_'");
    }
    String n = check.text("name", name, 1, 100);
    Station.Kind k = null;
    if (kind == null) {
      check.fail("kind", "is required");
    } else {
      try {
        k = Station.Kind.valueOf(kind);
      } catch (IllegalArgumentException e) {
        check.fail("kind", "must be HUB or STATION");
      }
    }
    if (area == null) {
      check.fail("area", "is required");
    }
    check.throwIfInvalid();
    Station s = new Station(code, n, k, area, clock.instant());
    if (!repository.insert(s)) {
      throw new DuplicateStationException(code);
    }
    cache.set(null);
    return s;
  }

  public List<Station> all() {
    return snapshot().stations();
  }

  private Cached snapshot() {
    Cached c = cache.get();
    java.time.Instant now = clock.instant();
    if (c == null || now.isAfter(c.until())) {
      c = new Cached(repository.all(), now.plus(REFRESH));
      cache.set(c);
    }
    return c;
  }

  /** Re-reads the station list (another node may have added one). */
  public void refresh() {
    cache.set(null);
  }

  public Optional<Station> find(String code) {
    return all().stream().filter(s -> s.code().equals(code)).findFirst()
        .or(() -> {
          Optional<Station> fresh = repository.find(code);
          fresh.ifPresent(x -> cache.set(null));
          return fresh;
        });
  }

  /** The station that serves a district: the first by code among those in it. */
  public Optional<Station> stationServing(Area area) {
    return all().stream()
        .filter(s -> s.kind() == Station.Kind.STATION && sameDistrict(s.area(), area))
        .min(Comparator.comparing(Station::code));
  }

  /** The hub that sorts for an area: one in its city, else one in its province. */
  public Optional<Station> hubFor(Area area) {
    Optional<Station> inCity = all().stream()
        .filter(s -> s.kind() == Station.Kind.HUB && s.area().province().equals(area.province())
            && s.area().city().equals(area.city()))
        .min(Comparator.comparing(Station::code));
    return inCity.or(() -> all().stream()
        .filter(s -> s.kind() == Station.Kind.HUB && s.area().province().equals(area.province()))
        .min(Comparator.comparing(Station::code)));
  }

  /** The route of a parcel from {@code origin} to {@code destination}, as the network stands now. */
  public Route route(Area origin, Area destination) {
    Cached c = snapshot();
    List<Area> key = List.of(origin, destination);
    Route known = c.routes().get(key);
    if (known != null) {
      return known;
    }
    Route route = routeOn(origin, destination);
    if (c.routes().size() < MEMO_LIMIT) {
      c.routes().putIfAbsent(key, route);
    }
    return route;
  }

  private Route routeOn(Area origin, Area destination) {
    java.util.Set<String> provinceHubs = all().stream()
        .filter(s -> s.kind() == Station.Kind.HUB && (s.area().province().equals(origin.province())
            || s.area().province().equals(destination.province())))
        .map(Station::code)
        .collect(java.util.stream.Collectors.toSet());
    return new Route(code(stationServing(origin)), code(hubFor(origin)), code(hubFor(destination)),
        code(stationServing(destination)), provinceHubs);
  }

  private static String code(Optional<Station> s) {
    return s.map(Station::code).orElse(null);
  }

  /**
   * The sort code for a destination: {@code <hub>-<station>}, like the segmented codes carriers print so a sorter
   * reads the next hop at a glance; {@link #UNROUTED} when no station serves the district.
   */
  public String sortCode(Area destination) {
    Optional<Station> station = stationServing(destination);
    if (station.isEmpty()) {
      return UNROUTED;
    }
    return hubFor(destination).map(h -> h.code() + "-").orElse("") + station.get().code();
  }

  static boolean sameDistrict(Area a, Area b) {
    return a.province().equals(b.province()) && a.city().equals(b.city()) && a.district().equals(b.district());
  }

  /** A station code that is already taken. */
  public static final class DuplicateStationException extends RuntimeException {
    DuplicateStationException(String code) {
      super("station " + code + " exists already", null, false, false);
    }
  }

}
