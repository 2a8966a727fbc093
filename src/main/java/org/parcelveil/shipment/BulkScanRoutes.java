package org.parcelveil.shipment;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.http.Access;
import org.parcelveil.http.Auth;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.identity.Role;

/**
 * {@code POST /v1/scans/bulk}: a bag or cage of parcels scanned in one action by station or hub staff. The answer is
 * 200 with one result per parcel, in the order sent (docs/lists.md); a wrong count or list is a 400 before anything
 * is recorded.
 */
public final class BulkScanRoutes implements Routes {
  private final BulkScans scans;

  public BulkScanRoutes(BulkScans scans) {
    this.scans = scans;
  }

  record ItemView(int index, String waybill, String result, String state, Map<String, Object> error) {}

  record BulkView(int count, int recorded, List<ItemView> results) {}

  @Override
  public void register(RoutesConfig routes) {
    routes.post("/v1/scans/bulk", this::bulk, Access.roles(Role.STATION));
  }

  private void bulk(Context ctx) {
    BulkScan body = Requests.body(ctx, BulkScan.class);
    List<ScanOutcome> outcomes = scans.record(Auth.principal(ctx), body);
    List<ItemView> items = outcomes.stream().map(BulkScanRoutes::view).toList();
    ctx.json(new BulkView(items.size(), (int) outcomes.stream().filter(ScanOutcome::ok).count(), items));
  }

  /**
   * A parcel's result. The number is given back only for a parcel found: what else was typed (a phone scanned into
   * the wrong field, a pasted line) is not echoed; its index says which it was.
   */
  private static ItemView view(ScanOutcome o) {
    boolean found = o.result() != ScanOutcome.Result.NOT_FOUND && o.result() != ScanOutcome.Result.REPEATED;
    return new ItemView(o.index(), found ? o.waybill() : null, o.result().name(),
        o.state() == null ? null : o.state().name(), o.ok() ? null : problem(o));
  }

  /** The parcel's problem, as the single scan would answer it (type, title, status, detail or fields). */
  private static Map<String, Object> problem(ScanOutcome o) {
    Map<String, Object> p = new LinkedHashMap<>();
    switch (o.result()) {
      case NOT_FOUND -> put(p, "not-found", "Not found", 404);
      case FORBIDDEN -> put(p, "forbidden", "Forbidden", 403);
      case CONFLICT -> put(p, "illegal-transition", "Illegal transition", 409);
      case REPEATED -> put(p, "repeated", "Repeated", 409);
      default -> put(p, "validation", "Invalid request", 400);
    }
    if (o.detail() != null) {
      p.put("detail", o.detail());
    }
    if (!o.errors().isEmpty()) {
      p.put("errors", o.errors());
    }
    return p;
  }

  private static void put(Map<String, Object> p, String type, String title, int status) {
    p.put("type", "https://parcelveil.org/problems/" + type);
    p.put("title", title);
    p.put("status", status);
  }
}
