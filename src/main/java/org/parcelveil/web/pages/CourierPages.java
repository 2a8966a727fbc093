package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parcelveil.identity.Role;
import org.parcelveil.relay.Relay;
import org.parcelveil.shipment.CourierWork;
import org.parcelveil.pickup.HandoverRefusedException;
import org.parcelveil.shipment.EventRequest;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.shipment.FailureReason;
import org.parcelveil.shipment.LifecycleException;
import org.parcelveil.shipment.Visibility;
import org.parcelveil.shipment.Shipment;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.vault.Masked;
import org.parcelveil.vault.PartyRole;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * The courier's phone screen: today's pick-ups and deliveries, each with reveal (once, for the purpose), a relayed
 * call in one tap, and delivered / failed / picked up; failed with its reason and delivered of a cash-on-delivery parcel
 * after a confirmation step.
 */
public final class CourierPages {
  private static final Set<String> EVENTS = Set.of("PICKED_UP", "DELIVERED", "DELIVERY_FAILED");
  private static final Set<String> MESSAGES = Set.of("msg.PICKED_UP", "msg.DELIVERED", "msg.DELIVERY_FAILED");

  private final Gate gate;
  private final Shipments shipments;
  private final Visibility visibility;
  private final CourierWork work;
  private final RevealFlow reveals;
  private final Relay relay;
  private final org.parcelveil.shipment.Lifecycle lifecycle;
  private final Views views;
  private final Clock clock;

  CourierPages(Gate gate, Shipments shipments, Visibility visibility, CourierWork work, RevealFlow reveals, Relay relay,
      org.parcelveil.shipment.Lifecycle lifecycle, Views views, Clock clock) {
    this.gate = gate;
    this.shipments = shipments;
    this.visibility = visibility;
    this.work = work;
    this.reveals = reveals;
    this.relay = relay;
    this.lifecycle = lifecycle;
    this.views = views;
    this.clock = clock;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> courier = EnumSet.of(Role.COURIER);
    routes.get("/console/courier", gate.page(courier, this::today));
    routes.post("/console/courier/reveal", gate.page(courier, (ctx, v) -> {
      boolean pickup = "sender".equals(ctx.formParam("party"));
      reveals.reveal(ctx, v, pickup ? "sender" : "recipient", pickup ? "PICKUP" : "DELIVERY", null, "/console/courier");
    }));
    routes.post("/console/courier/contact", gate.page(courier, this::contact));
    routes.post("/console/courier/event", gate.page(courier, this::event));
  }

  private void today(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String msg = ctx.queryParam("msg");
    if (msg != null && MESSAGES.contains(msg)) {
      frame = frame.withNotice(frame.t(msg, Optional.ofNullable(ctx.queryParam("w")).filter(w -> w.length() <= 24)
          .orElse("")));
    }
    today(ctx, v, frame);
  }

  private void today(Context ctx, Gate.Visit v, Frame frame) {
    String id = v.principal().id();
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("pickups", tasks(work.pickups(id), Task.Kind.PICKUP));
    params.put("deliveries", tasks(work.deliveries(id), Task.Kind.DELIVERY));
    LocalDate today = LocalDate.ofInstant(clock.instant(), PageTimes.zone());
    params.put("done", tasks(work.deliveredSince(id, today.atStartOfDay(PageTimes.zone()).toInstant()), Task.Kind.DONE));
    views.page(ctx, "courier.jte", params);
  }

  private List<Task> tasks(List<String> waybills, Task.Kind kind) {
    List<Task> out = new ArrayList<>();
    for (String w : waybills) {
      shipments.find(w).ifPresent(s -> {
        boolean pickup = kind == Task.Kind.PICKUP;
        Masked m = shipments.masked(s, pickup ? PartyRole.SENDER : PartyRole.RECIPIENT);
        out.add(new Task(s.waybill(), kind, s.state().name(), m == null ? null : m.name(),
            m == null ? null : m.phone(), (pickup ? s.origin() : s.destination()).display(), s.sortCode(),
            s.cod() == null ? null : Money.format(s.cod().amountCents(), s.cod().currency()),
            kind == Task.Kind.DONE ? "" : reveals.nonce()));
      });
    }
    return out;
  }

  /** A relayed number for the assigned courier: rings the customer without showing their phone. */
  private void contact(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    Optional<Shipment> s = shipments.find(ctx.formParam("waybill"));
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("waybill", s.map(Shipment::waybill).orElse(""));
    params.put("contact", null);
    params.put("message", null);
    params.put("back", "/console/courier");
    if (s.isEmpty()) {
      params.put("message", frame.t("reason.unknown_waybill"));
    } else {
      try {
        params.put("contact", relay.contact(v.principal(), s.get()));
      } catch (Relay.RefusedException e) {
        if (visibility.canSee(v.principal(), s.get())) {
          ctx.status(403);
          params.put("message", frame.t("reason." + e.reason()) + " (" + frame.t("reveal.logged", e.auditIndex()) + ")");
        } else {
          // Logged with its reason; the page reads as for an unknown number.
          params.put("waybill", "");
          params.put("message", frame.t("reason.unknown_waybill"));
        }
      }
    }
    views.page(ctx, "contact.jte", params);
  }

  /**
   * Records delivered, failed or picked up. Failed asks first for its reason and a confirmation, and delivered of a
   * cash-on-delivery parcel for the courier's word that the cash was collected ({@link #confirm}): a one-tap mistake
   * there cannot be undone by the courier.
   */
  private void event(Context ctx, Gate.Visit v) {
    String type = ctx.formParam("type");
    Optional<Shipment> s = visibility.find(v.principal(), ctx.formParam("waybill"), "event");
    if (type == null || !EVENTS.contains(type) || s.isEmpty()) {
      gate.refuse(ctx, v.frame(), HttpStatus.BAD_REQUEST, "reason.unknown_waybill");
      return;
    }
    boolean confirmed = "yes".equals(ctx.formParam("confirm"));
    String reason = FailureReason.parse(ctx.formParam("reason")).map(Enum::name).orElse(null);
    boolean failed = type.equals("DELIVERY_FAILED");
    boolean cod = type.equals("DELIVERED") && s.get().cod() != null;
    boolean collected = "true".equals(ctx.formParam("codCollected"));
    if (failed && (!confirmed || reason == null)) {
      confirm(ctx, v, s.get(), true, reason, confirmed ? "courier.reason_needed" : null);
      return;
    }
    if (cod && !collected) {
      confirm(ctx, v, s.get(), false, null, confirmed ? "courier.cod_needed" : null);
      return;
    }
    try {
      lifecycle.record(v.principal(), s.get(), new EventRequest(type, null, null, null, null, null,
          failed ? reason : null, cod ? Boolean.TRUE : null, pin(ctx, type)));
      // Post, redirect, get: a reload of the list does not record the event twice.
      ctx.redirect("/console/courier?msg=msg." + type + "&w=" + s.get().waybill(), HttpStatus.SEE_OTHER);
    } catch (LifecycleException e) {
      // Back on the day's list, saying why and what to do instead (not a bare error page).
      ctx.status(e.kind() == LifecycleException.Kind.FORBIDDEN ? 403 : 409);
      Frame frame = v.frame();
      today(ctx, v, frame.withErrors(List.of(s.get().waybill() + ": "
          + frame.t("event.refused", frame.t("state." + e.state().name())) + " " + frame.t(e.next().key()))));
    } catch (ValidationException e) {
      // A missing or malformed delivery PIN has its own words (never the PIN typed); any other refusal is said as
      // the field messages every console form uses.
      ctx.status(400);
      boolean pin = e.errors().stream().anyMatch(f -> f.field().equals("pin"));
      views.page(ctx, "error.jte", Map.of("frame", v.frame(), "message", pin ? v.frame().t("courier.pin_needed")
          : String.join(" ", MerchantPages.describe(v.frame(), e.errors()))));
    } catch (HandoverRefusedException e) {
      ctx.status(e.status());
      views.page(ctx, "error.jte", Map.of("frame", v.frame(), "message", v.frame().t("courier.pin_wrong")));
    }
  }

  /** The delivery PIN typed with Delivered, if any (only parcels whose merchant asked for one need it). */
  private static String pin(Context ctx, String type) {
    String pin = ctx.formParam("pin");
    return "DELIVERED".equals(type) && pin != null && !pin.isBlank() ? pin.trim() : null;
  }

  /** The confirmation step: the reason of a failed attempt, or the cash collected; 400 when it was left out. */
  private void confirm(Context ctx, Gate.Visit v, Shipment s, boolean failed, String reason, String errorKey) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", v.frame());
    params.put("waybill", s.waybill());
    params.put("failed", failed);
    params.put("cod", s.cod() == null ? "" : Money.format(s.cod().amountCents(), s.cod().currency()));
    params.put("reasons", Arrays.stream(FailureReason.values()).map(Enum::name).toList());
    params.put("reason", reason == null ? "" : reason);
    params.put("error", errorKey == null ? null : v.frame().t(errorKey));
    if (errorKey != null) {
      ctx.status(400);
    }
    views.page(ctx, "courier-confirm.jte", params);
  }
}
