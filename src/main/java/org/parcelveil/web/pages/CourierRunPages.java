package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.identity.Role;
import org.parcelveil.shipment.CourierWork;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * A courier's run for the day, on a page of its own: every stop still to make (pick-ups and deliveries) in the order
 * of their districts and sort codes, so one area is worked through before the next, and what is done since midnight
 * in Shanghai. Districts and numbers only: names and phones stay behind the reveal on the today screen.
 */
public final class CourierRunPages {
  private final Gate gate;
  private final Shipments shipments;
  private final CourierWork work;
  private final Views views;
  private final Clock clock;

  CourierRunPages(Gate gate, Shipments shipments, CourierWork work, Views views, Clock clock) {
    this.gate = gate;
    this.shipments = shipments;
    this.work = work;
    this.views = views;
    this.clock = clock;
  }

  /** One stop of the run: its number in the run, the parcel, pick-up or delivery, where, and its state. */
  public record Stop(int number, String waybill, String kindKey, String area, String sortCode, String stateKey) {}

  public void register(RoutesConfig routes) {
    routes.get("/console/courier/run", gate.page(EnumSet.of(Role.COURIER), this::run));
  }

  private void run(Context ctx, Gate.Visit v) {
    String id = v.principal().id();
    List<Stop> todo = new ArrayList<>();
    List<Shipment> pickups = read(work.pickups(id));
    List<Shipment> deliveries = read(work.deliveries(id));
    List<Leg> legs = new ArrayList<>();
    pickups.forEach(s -> legs.add(new Leg(s, true)));
    deliveries.forEach(s -> legs.add(new Leg(s, false)));
    legs.sort(Comparator.comparing(Leg::area).thenComparing(l -> l.shipment().sortCode())
        .thenComparing(l -> l.shipment().waybill()));
    for (Leg l : legs) {
      todo.add(new Stop(todo.size() + 1, l.shipment().waybill(), l.pickup() ? "run.pickup" : "run.delivery", l.area(),
          l.shipment().sortCode(), "state." + l.shipment().state().name()));
    }
    LocalDate today = LocalDate.ofInstant(clock.instant(), PageTimes.zone());
    List<Shipment> done = read(work.deliveredSince(id, today.atStartOfDay(PageTimes.zone()).toInstant()));
    Map<String, Object> params = new HashMap<>();
    params.put("frame", v.frame());
    params.put("day", today.toString());
    params.put("stops", todo);
    params.put("done", done.stream().map(s -> new Stop(0, s.waybill(), "run.delivery", s.destination().display(),
        s.sortCode(), "state." + s.state().name())).toList());
    views.page(ctx, "courier-run.jte", params);
  }

  private record Leg(Shipment shipment, boolean pickup) {
    String area() {
      return (pickup ? shipment.origin() : shipment.destination()).display();
    }
  }

  private List<Shipment> read(List<String> waybills) {
    return waybills.stream().map(shipments::find).flatMap(java.util.Optional::stream).toList();
  }
}
