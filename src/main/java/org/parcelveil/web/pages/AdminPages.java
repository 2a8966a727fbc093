package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.network.Network;
import org.parcelveil.validation.Check;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.Area;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;
import org.parcelveil.web.session.Accounts;

/**
 * The admin's screens: stations, principals (create, revoke, one-time password link), and a slot for retention and
 * key status. Tokens and links are shown once, in the response of the post that made them.
 */
public final class AdminPages {
  private final Gate gate;
  private final Network network;
  private final Principals principals;
  private final Accounts accounts;
  private final Views views;
  private final String publicUrl;

  AdminPages(Gate gate, Network network, Principals principals, Accounts accounts, Views views, String publicUrl) {
    this.gate = gate;
    this.network = network;
    this.principals = principals;
    this.accounts = accounts;
    this.views = views;
    this.publicUrl = publicUrl;
  }

  /** A principal as the admin list shows it, with the console sign-in name if one was set. */
  public record Person(Principal principal, String login, boolean person) {
    public String roleKey() {
      return "role." + principal.role().wireName();
    }
  }

  /** Something shown once: a new API token or a set-up link. */
  public record Secret(String labelKey, String forName, String value) {
    @Override
    public String toString() {
      return "Secret[" + labelKey + ", REDACTED]";
    }
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> admin = EnumSet.of(Role.ADMIN);
    routes.get("/console/admin", gate.page(admin, (ctx, v) -> render(ctx, v.frame(), null)));
    routes.post("/console/admin/stations", gate.page(admin, this::createStation));
    routes.post("/console/admin/principals", gate.page(admin, this::createPrincipal));
    routes.post("/console/admin/principals/revoke", gate.page(admin, this::revoke));
    routes.post("/console/admin/principals/link", gate.page(admin, this::link));
  }

  private void createStation(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    try {
      Check check = new Check();
      Area area = Area.parse(check, "area", ctx.formParam("province"), ctx.formParam("city"), ctx.formParam("district"));
      check.throwIfInvalid();
      var s = network.create(blank(ctx.formParam("code")), blank(ctx.formParam("name")), ctx.formParam("kind"), area);
      render(ctx, frame.withNotice(frame.t("admin.station_created", s.code())), null);
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, frame.withFieldErrors(e.errors(), AdminPages::stationInput), null, typed(ctx, "s.", STATION_FIELDS));
    } catch (Network.DuplicateStationException e) {
      ctx.status(409);
      render(ctx, frame.withErrors(List.of(frame.t("admin.station_taken"))), null, typed(ctx, "s.", STATION_FIELDS));
    }
  }

  private void createPrincipal(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    try {
      Principals.Created c = principals.create(v.principal(), ctx.formParam("role"), blank(ctx.formParam("name")),
          blank(ctx.formParam("stationCode")), blank(ctx.formParam("phone")));
      Principal p = c.principal();
      Secret secret = Accounts.isPerson(p.role())
          ? new Secret("admin.link_once", p.name(), accounts.createSetupLink(v.principal(), p.id()).url(publicUrl))
          : new Secret("admin.token_once", p.name(), c.token());
      render(ctx, frame.withNotice(frame.t("admin.principal_created", p.id())), secret);
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, frame.withFieldErrors(e.errors(), AdminPages::principalInput), null,
          typed(ctx, "p.", PRINCIPAL_FIELDS));
    }
  }

  private void revoke(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String id = ctx.formParam("id");
    if (id == null || id.equals(v.principal().id())) {
      ctx.status(400);
      render(ctx, frame.withErrors(List.of(frame.t("admin.revoke_self"))), null);
      return;
    }
    String name = principals.find(id).map(Principal::name).orElse(id);
    if (!gate.confirmed(ctx, frame, frame.t("admin.revoke_confirm", name), "/console/admin", "id")) {
      return;
    }
    boolean done = principals.revoke(v.principal(), id);
    // Sessions check revocation on every request anyway; ending them here also frees the rows at once.
    accounts.sessions().endAll(id);
    render(ctx, done ? frame.withNotice(frame.t("admin.revoked", id)) : frame.withErrors(List.of(frame.t("admin.not_found"))),
        null);
  }

  private void link(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String id = ctx.formParam("id");
    try {
      Principal p = principals.find(id == null ? "" : id).orElseThrow(IllegalArgumentException::new);
      Accounts.SetupLink link = accounts.createSetupLink(v.principal(), p.id());
      render(ctx, frame, new Secret("admin.link_once", p.name(), link.url(publicUrl)));
    } catch (IllegalArgumentException e) {
      ctx.status(400);
      render(ctx, frame.withErrors(List.of(frame.t("admin.not_found"))), null);
    }
  }

  /** The new-person form's input for a refused field of {@code Principals.create}, beside which its message shows. */
  private static @Nullable String principalInput(String field) {
    return switch (field) {
      case "role" -> "p-role";
      case "name" -> "p-name";
      case "stationCode" -> "p-station";
      default -> field.startsWith("phone") ? "p-phone" : null;
    };
  }

  /** The new-station form's input for a refused field of {@code Network.create}. */
  private static @Nullable String stationInput(String field) {
    return switch (field) {
      case "code" -> "s-code";
      case "name" -> "s-name";
      case "kind" -> "s-kind";
      case "area", "area.province" -> "s-province";
      case "area.city" -> "s-city";
      case "area.district" -> "s-district";
      default -> null;
    };
  }

  private static final List<String> PRINCIPAL_FIELDS = List.of("role", "name", "stationCode", "phone");
  private static final List<String> STATION_FIELDS = List.of("code", "name", "kind", "province", "city", "district");
  /** The longest value a refused form keeps: the inputs' own maxlength, so nothing longer is ever echoed. */
  private static final int KEPT_MAX = 100;

  /**
   * What was typed into a refused form, to fill it in again, keyed {@code prefix + field} (both forms have a name); a
   * value past any input's limit is dropped.
   */
  private static Map<String, String> typed(Context ctx, String prefix, List<String> fields) {
    Map<String, String> values = new HashMap<>();
    for (String f : fields) {
      String v = ctx.formParam(f);
      if (v != null && v.length() <= KEPT_MAX) {
        values.put(prefix + f, v);
      }
    }
    return values;
  }

  private void render(Context ctx, Frame frame, Secret secret) {
    render(ctx, frame, secret, Map.of());
  }

  private void render(Context ctx, Frame frame, Secret secret, Map<String, String> values) {
    List<Person> people = principals.all().stream()
        .map(p -> new Person(p, accounts.loginOf(p.id()).orElse(""), Accounts.isPerson(p.role()))).toList();
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("stations", network.all());
    params.put("people", people);
    params.put("secret", secret);
    params.put("roles", java.util.Arrays.stream(Role.values()).map(Role::wireName).toList());
    params.put("values", values);
    views.page(ctx, "admin.jte", params);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
