package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.identity.Role;
import org.parcelveil.tracking.ClientKeys;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;
import org.parcelveil.web.session.Accounts;
import org.parcelveil.web.session.Csrf;
import org.parcelveil.web.session.Sessions;

/** Sign-in, the second factor, sign-out, password set-up through one-time links, and the language switch. */
public final class SignInPages {
  private final Gate gate;
  private final Accounts accounts;
  private final Views views;
  private final ClientKeys clients;

  public SignInPages(Gate gate, Accounts accounts, Views views, ClientKeys clients) {
    this.gate = gate;
    this.accounts = accounts;
    this.views = views;
    this.clients = clients;
  }

  public void register(RoutesConfig routes) {
    routes.get("/console", this::home);
    routes.get("/console/signin", ctx -> signInForm(ctx, gate.anonymousFrame(ctx), ""));
    routes.post("/console/signin", this::signIn);
    routes.get("/console/2fa", this::secondFactorForm);
    routes.post("/console/2fa", this::secondFactor);
    routes.post("/console/signout", this::signOut);
    routes.get("/console/setup/{token}", this::setupForm);
    routes.post("/console/setup/{token}", this::setup);
    routes.get("/console/lang/{lang}", this::lang);
  }

  /** The role's first screen, or the sign-in page. */
  private void home(Context ctx) {
    Optional<Sessions.Visitor> v = gate.visitor(ctx);
    if (v.isEmpty()) {
      ctx.redirect("/console/signin", HttpStatus.SEE_OTHER);
      return;
    }
    ctx.redirect(v.get().secondFactorOwed() ? "/console/2fa" : homeOf(v.get().principal().role()), HttpStatus.SEE_OTHER);
  }

  static String homeOf(Role role) {
    return switch (role) {
      case MERCHANT -> "/console/merchant";
      case STATION -> "/console/station";
      case COURIER -> "/console/courier";
      case SUPPORT -> "/console/support";
      case SECURITY -> "/console/security";
      case ADMIN -> "/console/admin";
      case PLATFORM -> "/console/signin";
    };
  }

  private void signInForm(Context ctx, Frame frame, String login) {
    views.page(ctx, "signin.jte", Map.of("frame", frame, "login", login));
  }

  private void signIn(Context ctx) {
    Frame frame = gate.anonymousFrame(ctx);
    if (!gate.preSessionFormOk(ctx)) {
      gate.refuse(ctx, frame, HttpStatus.FORBIDDEN, "error.csrf");
      return;
    }
    String login = Optional.ofNullable(ctx.formParam("login")).orElse("");
    char[] password = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    Accounts.Attempt a = accounts.signIn(login, password, clients.of(ctx));
    java.util.Arrays.fill(password, '\0');
    if (a instanceof Accounts.SignedIn s) {
      gate.startSession(ctx, s.sessionId());
      ctx.redirect(s.secondFactorOwed() ? "/console/2fa" : "/console", HttpStatus.SEE_OTHER);
      return;
    }
    String error = refusal(ctx, frame, a, "signin.refused", "signin.locked");
    signInForm(ctx, frame.withErrors(List.of(error)), login.length() > 40 ? "" : login);
  }

  /** Sets the status (and {@code Retry-After} for a lock) of a refused attempt and returns its words. */
  private static String refusal(Context ctx, Frame frame, Accounts.Attempt a, String refusedKey, String lockedKey) {
    if (a instanceof Accounts.Locked l) {
      ctx.status(HttpStatus.TOO_MANY_REQUESTS);
      ctx.header("Retry-After", Long.toString(l.seconds()));
      return frame.t(lockedKey, wait(frame, l.seconds()));
    }
    ctx.status(HttpStatus.UNAUTHORIZED);
    return frame.t(refusedKey);
  }

  /** A wait in whole minutes (rounded up), or hours from two hours on. */
  static String wait(Frame frame, long seconds) {
    long minutes = (seconds + 59) / 60;
    if (minutes < 120) {
      return frame.t(minutes == 1 ? "signin.wait_minute" : "signin.wait_minutes", minutes);
    }
    return frame.t("signin.wait_hours", (minutes + 59) / 60);
  }

  private void secondFactorForm(Context ctx) {
    Optional<Sessions.Visitor> v = gate.visitor(ctx);
    if (v.isEmpty() || !v.get().secondFactorOwed()) {
      ctx.redirect("/console", HttpStatus.SEE_OTHER);
      return;
    }
    renderSecondFactor(ctx, gate.frame(ctx, v.get()), v.get());
  }

  private void renderSecondFactor(Context ctx, Frame frame, Sessions.Visitor v) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("enrolment", accounts.enrolment(v).orElse(null));
    views.page(ctx, "twofactor.jte", params);
  }

  private void secondFactor(Context ctx) {
    Optional<Sessions.Visitor> v = gate.visitor(ctx);
    if (v.isEmpty() || !v.get().secondFactorOwed()) {
      ctx.redirect("/console", HttpStatus.SEE_OTHER);
      return;
    }
    Frame frame = gate.frame(ctx, v.get());
    if (!Csrf.matches(v.get().sessionId(), ctx.formParam(Csrf.FIELD))) {
      gate.refuse(ctx, frame, HttpStatus.FORBIDDEN, "error.csrf");
      return;
    }
    Accounts.Attempt a = accounts.secondFactor(v.get(), ctx.formParam("code"));
    if (a instanceof Accounts.SignedIn s) {
      gate.startSession(ctx, s.sessionId());
      ctx.redirect("/console", HttpStatus.SEE_OTHER);
      return;
    }
    String error = refusal(ctx, frame, a, "twofactor.refused", "twofactor.locked");
    renderSecondFactor(ctx, frame.withErrors(List.of(error)), v.get());
  }

  private void signOut(Context ctx) {
    Optional<Sessions.Visitor> v = gate.visitor(ctx);
    if (v.isPresent()) {
      if (!Csrf.matches(v.get().sessionId(), ctx.formParam(Csrf.FIELD))) {
        gate.refuse(ctx, gate.frame(ctx, v.get()), HttpStatus.FORBIDDEN, "error.csrf");
        return;
      }
      if ("all".equals(ctx.formParam("scope"))) {
        accounts.sessions().endAll(v.get().principal().id());
      } else {
        accounts.sessions().end(v.get().sessionId());
      }
    }
    gate.clearSession(ctx);
    // Signed-in pages are no-store already; this also clears what a browser kept anyway (its back-forward cache) and
    // the console's cookies on a shared computer.
    ctx.header("Clear-Site-Data", "\"cache\", \"cookies\", \"storage\"");
    ctx.redirect("/console/signin", HttpStatus.SEE_OTHER);
  }

  private void setupForm(Context ctx) {
    String token = ctx.pathParam("token");
    Frame frame = gate.anonymousFrame(ctx);
    var owner = accounts.linkOwner(token);
    renderSetup(ctx, frame, token, owner.map(p -> p.name()).orElse(null),
        owner.flatMap(p -> accounts.loginOf(p.id())).orElse(""), false);
  }

  private void setup(Context ctx) {
    String token = ctx.pathParam("token");
    Frame frame = gate.anonymousFrame(ctx);
    if (!gate.preSessionFormOk(ctx)) {
      gate.refuse(ctx, frame, HttpStatus.FORBIDDEN, "error.csrf");
      return;
    }
    var owner = accounts.linkOwner(token);
    String login = Optional.ofNullable(ctx.formParam("login")).orElse("");
    char[] pw = Optional.ofNullable(ctx.formParam("password")).orElse("").toCharArray();
    char[] repeat = Optional.ofNullable(ctx.formParam("repeat")).orElse("").toCharArray();
    List<String> problems = accounts.setPassword(token, login, pw, repeat);
    java.util.Arrays.fill(pw, '\0');
    java.util.Arrays.fill(repeat, '\0');
    if (problems.isEmpty()) {
      renderSetup(ctx, frame, token, owner.map(p -> p.name()).orElse(""), login, true);
      return;
    }
    ctx.status(HttpStatus.BAD_REQUEST);
    renderSetup(ctx, frame.withErrors(problems.stream().map(frame::t).toList()), token,
        owner.map(p -> p.name()).orElse(null), login.length() > 40 ? "" : login, false);
  }

  private void renderSetup(Context ctx, Frame frame, String token, String name, String login, boolean done) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("token", token);
    params.put("personName", name);
    params.put("login", login);
    params.put("done", done);
    views.page(ctx, "setup.jte", params);
  }

  /** Switches the language and goes back to the page it was asked from (console pages only: no open redirect). */
  private void lang(Context ctx) {
    gate.setLang(ctx, ctx.pathParam("lang"));
    String back = ctx.queryParam("back");
    boolean safe = back != null && back.startsWith("/console") && !back.contains("//") && !back.contains("\\");
    ctx.redirect(safe ? back : "/console", HttpStatus.SEE_OTHER);
  }
}
