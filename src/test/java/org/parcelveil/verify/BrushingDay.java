package org.parcelveil.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.parcelveil.app.MutableClock;
import org.parcelveil.tracking.WellFormed;
import org.parcelveil.verify.BrushingWorld.Account;
import org.parcelveil.verify.BrushingWorld.District;
import org.parcelveil.verify.BrushingWorld.Merchant;
import org.parcelveil.verify.Plan.Ask;
import org.parcelveil.verify.Plan.Chain;

/**
 * A simulated day of a regional network with marketplaces and brushing sellers, all through the real API: genuine
 * orders whose parcels are created after the order and moved through the lifecycle by the network's staff, and
 * the attacks, each verified by a platform. The clock moves through the day (about 20 hours).
 */
final class BrushingDay {
  static final String GENUINE = "genuine";
  static final String GENUINE_AGAIN = "genuine, asked again";

  /** The attack kinds, in report order, with what each one is. */
  static final Map<String, String> ATTACKS = new LinkedHashMap<>();

  static {
    ATTACKS.put("other_shipment", "a bought number of another real shipment, for a fake order");
    ATTACKS.put("made_up", "a made-up number (80% well formed with a correct check character)");
    ATTACKS.put("reused", "a number a genuine order already holds, for a second order (same areas and phone)");
    ATTACKS.put("before_order", "a parcel created and picked up hours before the order");
    ATTACKS.put("wrong_recipient", "a real parcel of the seller to someone else in the buyer's district");
    ATTACKS.put("empty_parcel", "an empty parcel (5 to 45 g) sent through the network to the buyer");
    ATTACKS.put("one_account_chain", "pickup and scans all recorded by one insider account at the origin");
  }

  /** Outside the goal, to show the limit: without the buyer's phone the same-district parcel passes. */
  static final String NO_PHONE = "wrong_recipient without recipientPhone";

  /** How big the day is. */
  record Config(int genuine, int attacksPerKind, int merchants, int platforms, int clients, long seed) {}

  private final Api api;
  private final MutableClock clock;
  private final Config config;
  private final Random random;
  private final WellFormed numbers = new WellFormed("PV");
  private BrushingWorld world;
  private int next;

  BrushingDay(Api api, MutableClock clock, Config config) {
    this.api = api;
    this.clock = clock;
    this.config = config;
    this.random = new Random(config.seed());
  }

  BrushingReport run(String adminToken) {
    long started = System.nanoTime();
    world = BrushingWorld.build(api, adminToken, config.merchants(), config.platforms(), random);
    int n = config.attacksPerKind();

    // Six hours before the orders: parcels that will be passed off as sent for them.
    List<Plan> early = plans(n, Chain.NORMAL, false);
    create(early);
    step(Duration.ofHours(1), () -> api.each(early, this::pickUp));
    step(Duration.ofHours(1), () -> api.each(early, this::leaveOrigin));
    clock.advance(Duration.ofHours(4));

    List<Plan> genuine = plans(config.genuine(), Chain.NORMAL, false);
    List<Plan> others = plans(2 * n, Chain.NORMAL, false);
    List<Plan> empty = plans(n, Chain.NORMAL, true);
    List<Plan> insider = plans(n, Chain.ONE_ACCOUNT, false);
    List<Plan> later = concat(genuine, others, empty, insider);
    Instant orders = clock.instant();
    clock.advance(Duration.ofMinutes(10));
    create(later);
    step(Duration.ofHours(2), () -> api.each(later, this::pickUp));
    step(Duration.ofHours(3), () -> api.each(later, this::leaveOrigin));
    List<Plan> moving = concat(early, genuine, others, empty);
    step(Duration.ofHours(4), () -> api.each(moving, this::arrive));
    List<Plan> out = moving.stream().filter(p -> random.nextInt(100) < 85).toList();
    step(Duration.ofHours(2), () -> api.each(out, this::outForDelivery));
    List<Plan> done = out.stream().filter(p -> random.nextInt(100) < 90).toList();
    step(Duration.ofHours(2), () -> api.each(done, this::deliver));
    long moved = System.nanoTime();

    List<Ask> first = new ArrayList<>();
    genuine.forEach(p -> first.add(honest(GENUINE, p, orders)));
    for (int i = 0; i < n; i++) {
      first.add(fake("other_shipment", pick(genuine, others).waybill, orders, world.anyDistrict(random)));
      first.add(madeUp(orders));
      first.add(honest("before_order", early.get(i), orders));
      Plan other = others.get(i);
      first.add(fakeTo("wrong_recipient", other, orders, true));
      first.add(fakeTo(NO_PHONE, others.get(n + i), orders, false));
      first.add(honest("empty_parcel", empty.get(i), orders));
      first.add(honest("one_account_chain", insider.get(i), orders));
    }
    Collections.shuffle(first, random);
    BrushingReport report = new BrushingReport(config);
    verify(first, report);

    List<Ask> second = new ArrayList<>();
    for (Ask a : first.stream().filter(a -> a.kind().equals(GENUINE)).limit(2L * n).toList()) {
      second.add(second.size() % 2 == 0 ? reuse(a) : new Ask(GENUINE_AGAIN, a.platform(), a.waybill(), a.orderId(),
          a.orderAt(), a.from(), a.to(), a.phone(), a.districts()));
    }
    verify(second, report);
    report.timing((moved - started) / 1e9, (System.nanoTime() - moved) / 1e9, first.size() + second.size());
    return report;
  }

  private List<Plan> plans(int count, Chain chain, boolean empty) {
    List<Plan> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Merchant m = world.merchants.get(random.nextInt(world.merchants.size()));
      int declared = empty ? 20 + random.nextInt(300) : genuineWeight();
      int measured = empty ? 5 + random.nextInt(41) : (int) Math.max(1, Math.round(declared * (0.95 + random.nextDouble() * 0.1)));
      out.add(new Plan(next++, m, world.anyDistrict(random), phone(), declared, measured, chain));
    }
    return out;
  }

  /** Log-normal around 800 g (σ = 1): about 0.3% of genuine parcels weigh under 50 g, as small goods do. */
  private int genuineWeight() {
    return (int) Math.min(30_000, Math.max(5, Math.round(Math.exp(Math.log(800) + random.nextGaussian()))));
  }

  private String phone() {
    return "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000));
  }

  private void create(List<Plan> plans) {
    Map<Merchant, List<Plan>> byMerchant = new LinkedHashMap<>();
    plans.forEach(p -> byMerchant.computeIfAbsent(p.merchant, k -> new ArrayList<>()).add(p));
    api.each(new ArrayList<>(byMerchant.entrySet()), e -> {
      List<Object> bodies = e.getValue().stream().map(p -> (Object) p.body(p.index % 3 == 0)).toList();
      JsonNode results = api.post("/v1/shipments/batch", e.getKey().account().token(), Map.of("shipments", bodies), 200)
          .get("results");
      for (int i = 0; i < bodies.size(); i++) {
        e.getValue().get(i).waybill = results.get(i).get("waybill").asText();
      }
    });
  }

  private void pickUp(Plan p) {
    String station = p.from().station();
    Account desk = world.desks.get(station);
    if (p.chain == Chain.ONE_ACCOUNT) {
      event(desk, p, Map.of("type", "PICKED_UP", "weightGrams", p.measured));
      event(desk, p, Map.of("type", "ARRIVED"));
      event(desk, p, Map.of("type", "DEPARTED"));
    } else if (p.index % 2 == 0) {
      Account courier = world.courier(station, new Random(p.index));
      event(desk, p, Map.of("type", "PICKUP_ASSIGNED", "courierId", courier.id()));
      event(courier, p, Map.of("type", "PICKED_UP", "weightGrams", p.measured));
    } else {
      event(desk, p, Map.of("type", "PICKED_UP", "weightGrams", p.measured));
    }
  }

  private void leaveOrigin(Plan p) {
    if (p.chain == Chain.NORMAL) {
      Random r = new Random(p.index);
      event(world.desks.get(p.from().station()), p, Map.of("type", "DEPARTED"));
      event(world.sorter(p.from().hub(), r), p, Map.of("type", "ARRIVED"));
      event(world.sorter(p.from().hub(), r), p, Map.of("type", "DEPARTED"));
    }
  }

  private void arrive(Plan p) {
    Random r = new Random(p.index + 1);
    if (!p.to.hub().equals(p.from().hub())) {
      event(world.sorter(p.to.hub(), r), p, Map.of("type", "ARRIVED"));
      event(world.sorter(p.to.hub(), r), p, Map.of("type", "DEPARTED"));
    }
    event(world.desks.get(p.to.station()), p, Map.of("type", "ARRIVED"));
  }

  private void outForDelivery(Plan p) {
    p.deliveryCourier = world.courier(p.to.station(), new Random(p.index + 2));
    event(world.desks.get(p.to.station()), p, Map.of("type", "OUT_FOR_DELIVERY", "courierId", p.deliveryCourier.id()));
  }

  private void deliver(Plan p) {
    // Every third parcel has cash on delivery (as created above): its courier confirms the cash was collected.
    event(p.deliveryCourier, p, p.index % 3 == 0 ? Map.of("type", "DELIVERED", "codCollected", true)
        : Map.of("type", "DELIVERED"));
    p.delivered = true;
  }

  private void event(Account who, Plan p, Map<String, Object> body) {
    api.post("/v1/shipments/" + p.waybill + "/events", who.token(), body, 201);
  }

  private void step(Duration d, Runnable r) {
    clock.advance(d);
    r.run();
  }

  private Account platform() {
    return world.platforms.get(random.nextInt(world.platforms.size()));
  }

  private Instant orderTime(Instant orders) {
    return orders.minusSeconds(60 + random.nextInt(7_200));
  }

  private String orderId() {
    return "O-" + Long.toHexString(random.nextLong() & Long.MAX_VALUE);
  }

  /** The order the parcel was really sent for (or, for attacks, the order it is passed off as): areas and buyer right. */
  private Ask honest(String kind, Plan p, Instant orders) {
    return new Ask(kind, platform(), p.waybill, orderId(), orderTime(orders), p.from(), p.to, p.phone,
        random.nextInt(100) >= 15);
  }

  /** A fake order of some seller to an accomplice, with a waybill that is not its own. */
  private Ask fake(String kind, String waybill, Instant orders, District buyer) {
    Merchant seller = world.merchants.get(random.nextInt(world.merchants.size()));
    return new Ask(kind, platform(), waybill, orderId(), orderTime(orders), seller.shop(), buyer, phone(),
        random.nextInt(100) >= 15);
  }

  /** A fake order to an accomplice in the district of a real parcel the same seller sent to someone else. */
  private Ask fakeTo(String kind, Plan other, Instant orders, boolean withPhone) {
    return new Ask(kind, platform(), other.waybill, orderId(), orderTime(orders), other.from(), other.to,
        withPhone ? phone() : null, true);
  }

  private Ask madeUp(Instant orders) {
    String number = random.nextInt(100) < 80 ? numbers.random()
        : "PV" + String.format("%014d", random.nextLong(100_000_000_000_000L)) + "0";
    return fake("made_up", number, orders, world.anyDistrict(random));
  }

  private Ask reuse(Ask genuine) {
    Account platform = random.nextBoolean() ? genuine.platform() : platform();
    return new Ask("reused", platform, genuine.waybill(), orderId(), genuine.orderAt(), genuine.from(), genuine.to(),
        genuine.phone(), genuine.districts());
  }

  private Plan pick(List<Plan> a, List<Plan> b) {
    int i = random.nextInt(a.size() + b.size());
    return i < a.size() ? a.get(i) : b.get(i - a.size());
  }

  private void verify(List<Ask> asks, BrushingReport report) {
    api.each(asks, a -> report.add(a.kind(), api.post("/v1/verifications", a.platform().token(), a.body(), 200)));
  }

  @SafeVarargs
  private static List<Plan> concat(List<Plan>... lists) {
    List<Plan> out = new ArrayList<>();
    for (List<Plan> l : lists) {
      out.addAll(l);
    }
    return out;
  }
}
