package org.parcelveil.web.privacy;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.parcelveil.subject.Subject;
import org.parcelveil.subject.SubjectAuth;
import org.parcelveil.subject.SubjectData;
import org.parcelveil.subject.SubjectExport;
import org.parcelveil.subject.SubjectRefusedException;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Messages;
import org.parcelveil.web.Views;
import org.parcelveil.web.session.Csrf;

/**
 * The recipients' privacy page ({@code /privacy}), public and server-rendered in Chinese and English: a person signs
 * in with a code sent to their phone, then sees the shipments that hold their data and who saw it, downloads the
 * export and erases finished shipments. Every step is the data-subject API's own ({@link SubjectAuth},
 * {@link SubjectData}, {@link SubjectExport}): the same limits, the same audit entries, and the same answer for a
 * phone we know and one we do not. The phone travels only in form posts, never in a URL, and is never logged.
 */
public final class PrivacyPages {
  static final int PHONE_MAX = 32;
  static final int CODE_MAX = 6;

  private final SubjectAuth auth;
  private final SubjectData data;
  private final SubjectExport exports;
  private final Clock clock;
  private final Messages messages;
  private final Gate gate;
  private final Views views;

  public PrivacyPages(SubjectAuth auth, SubjectData data, SubjectExport exports, Clock clock,
      Messages messages, Gate gate, Views views) {
    this.auth = auth;
    this.data = data;
    this.exports = exports;
    this.clock = clock;
    this.messages = messages;
    this.gate = gate;
    this.views = views;
  }

  public void register(RoutesConfig routes) {
    routes.get("/privacy", this::start);
    routes.post("/privacy/code", this::code);
    routes.post("/privacy/session", this::session);
    routes.get("/privacy/mine", this::mine);
    routes.get("/privacy/export", this::export);
    routes.post("/privacy/erase", this::confirmErase);
    routes.post("/privacy/erase/confirm", this::erase);
    routes.post("/privacy/signout", this::signOut);
    routes.get("/privacy/lang/{lang}", this::chooseLang);
  }

  private void start(Context ctx) {
    if (subject(ctx).isPresent()) {
      ctx.redirect("/privacy/mine", HttpStatus.SEE_OTHER);
      return;
    }
    Frame frame = anonymous(ctx);
    if (ctx.queryParam("ended") != null) {
      frame = frame.withNotice(frame.t("privacy.ended"));
    }
    phoneForm(ctx, frame, "");
  }

  /** Asks for a code: the same page whether or not we hold anything for the number. */
  private void code(Context ctx) {
    Frame frame = anonymous(ctx);
    if (!Csrf.matches(PrivacyCookies.pre(ctx), ctx.formParam(Csrf.FIELD))) {
      refuse(ctx, frame, HttpStatus.FORBIDDEN, "error.csrf");
      return;
    }
    String phone = field(ctx, "phone", PHONE_MAX);
    if (phone == null) {
      ctx.status(HttpStatus.BAD_REQUEST);
      phoneForm(ctx, frame.withErrors(List.of(frame.t("privacy.phone_invalid"))), "");
      return;
    }
    try {
      auth.challenge(phone, ctx.ip());
    } catch (ValidationException e) {
      // Not echoed: what is not a phone number may be anything, a name or an address typed in the wrong box.
      ctx.status(HttpStatus.BAD_REQUEST);
      phoneForm(ctx, frame.withErrors(List.of(frame.t("privacy.phone_invalid"))), "");
      return;
    } catch (SubjectRefusedException e) {
      phoneForm(ctx, frame.withErrors(List.of(tooMany(ctx, frame, e))), "");
      return;
    }
    codeForm(ctx, frame.withNotice(frame.t("privacy.code_sent")), phone);
  }

  private void session(Context ctx) {
    Frame frame = anonymous(ctx);
    if (!Csrf.matches(PrivacyCookies.pre(ctx), ctx.formParam(Csrf.FIELD))) {
      refuse(ctx, frame, HttpStatus.FORBIDDEN, "error.csrf");
      return;
    }
    String phone = field(ctx, "phone", PHONE_MAX);
    String code = field(ctx, "code", CODE_MAX);
    if (phone == null || code == null) {
      ctx.status(HttpStatus.BAD_REQUEST);
      codeForm(ctx, frame.withErrors(List.of(frame.t("privacy.code_rejected"))), phone == null ? "" : phone);
      return;
    }
    try {
      SubjectAuth.Session s = auth.session(phone, code, ctx.ip());
      // The cookie ends with the session: a closed browser tab does not keep a live token around for longer.
      PrivacyCookies.startSession(ctx, s.token(), Duration.between(clock.instant(), s.expiresAt()));
      ctx.redirect("/privacy/mine", HttpStatus.SEE_OTHER);
    } catch (ValidationException e) {
      ctx.status(HttpStatus.BAD_REQUEST);
      codeForm(ctx, frame.withErrors(List.of(frame.t("privacy.code_rejected"))), phone);
    } catch (SubjectRefusedException e) {
      String error = e.rateLimited() ? tooMany(ctx, frame, e) : frame.t("privacy.code_rejected");
      if (!e.rateLimited()) {
        ctx.status(HttpStatus.UNAUTHORIZED);
      }
      codeForm(ctx, frame.withErrors(List.of(error)), phone);
    }
  }

  /** The person's shipments (masked) and who saw their data. */
  private void mine(Context ctx) {
    Optional<Subject> subject = subject(ctx);
    if (subject.isEmpty()) {
      ended(ctx);
      return;
    }
    Frame frame = signedIn(ctx);
    List<HeldRow> held = data.list(subject.get()).stream().map(HeldRow::of).toList();
    List<SeenRow> seen = data.disclosures(subject.get()).entries().stream().map(d -> SeenRow.of(d, frame)).toList();
    Map<String, Object> params = new HashMap<>();
    params.put("frame", ctx.queryParam("erased") != null ? frame.withNotice(frame.t("privacy.erased")) : frame);
    params.put("held", held);
    params.put("seen", seen);
    views.page(ctx, "privacy/mine.jte", params);
  }

  private void export(Context ctx) {
    Optional<Subject> subject = subject(ctx);
    if (subject.isEmpty()) {
      ended(ctx);
      return;
    }
    exports.send(ctx, subject.get());
  }

  /** Explains what erasure removes and keeps, and asks once more. */
  private void confirmErase(Context ctx) {
    erasing(ctx).ifPresent(e ->
        views.page(ctx, "privacy/erase.jte", Map.of("frame", signedIn(ctx), "waybill", e.waybill())));
  }

  private void erase(Context ctx) {
    Optional<Erasing> e = erasing(ctx);
    if (e.isEmpty()) {
      return;
    }
    String outcome = data.erase(e.get().subject(), List.of(e.get().waybill())).get(0).outcome();
    if ("erased".equals(outcome)) {
      ctx.redirect("/privacy/mine?erased=1", HttpStatus.SEE_OTHER);
      return;
    }
    // Not theirs, unknown, already erased or not finished: the API's outcomes, told apart only as it tells them.
    refuse(ctx, signedIn(ctx), HttpStatus.CONFLICT, "privacy.erase_" + outcome);
  }

  /** Who asks to erase which waybill. */
  private record Erasing(Subject subject, String waybill) {}

  /**
   * A signed-in erase form's subject and waybill, the waybill normalised; otherwise answers (a non-waybill is a 400
   * that neither echoes nor logs it) and returns empty.
   */
  private Optional<Erasing> erasing(Context ctx) {
    Optional<Subject> subject = signedInPost(ctx);
    if (subject.isEmpty()) {
      return Optional.empty();
    }
    String w = field(ctx, "waybill", 40);
    if (w == null || !data.isWaybill(w)) {
      refuse(ctx, signedIn(ctx), HttpStatus.BAD_REQUEST, "privacy.erase_not_a_waybill");
      return Optional.empty();
    }
    return Optional.of(new Erasing(subject.get(), w.toUpperCase(Locale.ROOT)));
  }

  private void signOut(Context ctx) {
    Optional<Subject> subject = signedInPost(ctx);
    if (subject.isPresent()) {
      // The session itself ends, not only the cookie: a copy of the token must not outlive the sign-out.
      auth.end(PrivacyCookies.session(ctx));
      PrivacyCookies.endSession(ctx);
      ctx.redirect("/privacy", HttpStatus.SEE_OTHER);
    }
  }

  private void chooseLang(Context ctx) {
    PrivacyCookies.lang(ctx, ctx.pathParam("lang"));
    ctx.redirect("/privacy", HttpStatus.SEE_OTHER);
  }

  /** The subject of a form post with a live session and a valid CSRF token; otherwise answers and returns empty. */
  private Optional<Subject> signedInPost(Context ctx) {
    Optional<Subject> subject = subject(ctx);
    if (subject.isEmpty()) {
      ended(ctx);
      return Optional.empty();
    }
    if (!Csrf.matches(PrivacyCookies.session(ctx), ctx.formParam(Csrf.FIELD))) {
      refuse(ctx, signedIn(ctx), HttpStatus.FORBIDDEN, "error.csrf");
      return Optional.empty();
    }
    return subject;
  }

  private Optional<Subject> subject(Context ctx) {
    String token = PrivacyCookies.session(ctx);
    return token == null ? Optional.empty() : auth.authenticate(token);
  }

  private void ended(Context ctx) {
    PrivacyCookies.endSession(ctx);
    ctx.redirect("/privacy?ended=1", HttpStatus.SEE_OTHER);
  }

  private String tooMany(Context ctx, Frame frame, SubjectRefusedException e) {
    ctx.status(HttpStatus.TOO_MANY_REQUESTS);
    ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
    return frame.t("privacy.too_many", Math.max(1, (e.retryAfterSeconds() + 59) / 60));
  }

  private void phoneForm(Context ctx, Frame frame, String phone) {
    views.page(ctx, "privacy/start.jte", Map.of("frame", frame, "phone", phone));
  }

  private void codeForm(Context ctx, Frame frame, String phone) {
    views.page(ctx, "privacy/code.jte", Map.of("frame", frame, "phone", phone));
  }

  private void refuse(Context ctx, Frame frame, HttpStatus status, String key) {
    ctx.status(status);
    views.page(ctx, "privacy/refused.jte", Map.of("frame", frame, "message", frame.t(key)));
  }

  private Frame anonymous(Context ctx) {
    return frame(ctx, Csrf.token(PrivacyCookies.pre(ctx)));
  }

  private Frame signedIn(Context ctx) {
    return frame(ctx, Csrf.token(PrivacyCookies.session(ctx)));
  }

  private Frame frame(Context ctx, String csrf) {
    // The console's language rule; the privacy page's own pv_lang cookie (Path=/privacy) is the one it reads here.
    return new Frame(messages, gate.lang(ctx), ctx.path(), csrf, null, null, List.of(), List.of(), List.of(),
        List.of(), null);
  }

  /** A form field, stripped; null when missing, blank or longer than {@code max} (never echoed then). */
  private static @Nullable String field(Context ctx, String name, int max) {
    String v = ctx.formParam(name);
    if (v == null || v.isBlank() || v.length() > max) {
      return null;
    }
    return v.strip();
  }
}
