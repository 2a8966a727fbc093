package org.parcelveil.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parcelveil.identity.Role;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.web.session.Accounts;
import org.parcelveil.web.session.Csrf;
import org.parcelveil.web.session.Ids;
import org.parcelveil.web.session.Sessions;

/**
 * The console's door: resolves the session cookie on every request (so a revoked person is out at once), checks
 * the role, checks the CSRF token of every form post, and builds the page frame. Cookies are HttpOnly,
 * SameSite=Strict, and Secure when the request came over TLS.
 */
public final class Gate {
  public static final String SESSION_COOKIE = "pv_session";
  public static final String PRE_COOKIE = "pv_pre";
  public static final String LANG_COOKIE = "pv_lang";
  /**
   * The largest plain (not multipart) console form: the longest, a packing slip's 10,000 characters of Chinese, is
   * about 90 KB once URL-encoded. Uploads are multipart and keep their own limits (import: 16 MB a file).
   */
  public static final int MAX_FORM_BYTES = 256 * 1024;

  private final Accounts accounts;
  private final Messages messages;
  private final Views views;

  public Gate(Accounts accounts, Messages messages, Views views) {
    this.accounts = accounts;
    this.messages = messages;
    this.views = views;
  }

  /** A page handler that runs for a signed-in visitor with an allowed role. */
  @FunctionalInterface
  public interface PageHandler {
    void handle(Context ctx, Visit visit) throws Exception;
  }

  /** The signed-in visitor of this request and the frame its page is drawn in. */
  public record Visit(Sessions.Visitor visitor, Frame frame) {
    public org.parcelveil.identity.Principal principal() {
      return visitor.principal();
    }
  }

  /** Wraps {@code h}: signed in fully, one of {@code roles}, and a valid CSRF token on posts. */
  public Handler page(Set<Role> roles, PageHandler h) {
    return ctx -> {
      Optional<Sessions.Visitor> v = visitor(ctx);
      if (v.isEmpty()) {
        ctx.redirect("/console/signin", HttpStatus.SEE_OTHER);
        return;
      }
      if (v.get().secondFactorOwed()) {
        ctx.redirect("/console/2fa", HttpStatus.SEE_OTHER);
        return;
      }
      Frame frame = frame(ctx, v.get());
      if (isPost(ctx) && !Csrf.matches(v.get().sessionId(), ctx.formParam(Csrf.FIELD))) {
        refuse(ctx, frame, HttpStatus.FORBIDDEN, "error.csrf");
        return;
      }
      if (!roles.contains(v.get().principal().role())) {
        refuse(ctx, frame, HttpStatus.FORBIDDEN, "error.role");
        return;
      }
      try {
        h.handle(ctx, new Visit(v.get(), frame));
      } catch (ValidationException e) {
        // A service refused the form's values: say which rule each field broke (never the value), as a page.
        ctx.status(HttpStatus.BAD_REQUEST);
        views.page(ctx, "error.jte", Map.of("frame", frame.withErrors(e.errors().stream()
            .map(x -> FieldMessages.line(frame, x)).toList()), "message", frame.t("error.invalid")));
      }
    };
  }

  /**
   * Refuses a plain console form larger than {@link #MAX_FORM_BYTES} before it is read, with a page in the person's
   * language (not the API's JSON) that shows nothing of what was sent. What was typed is still in the browser: the
   * form's draft (console.js) and the Back button keep it.
   */
  public void refuseOversizedForm(Context ctx) {
    if (!isPost(ctx) || ctx.isMultipartFormData() || ctx.contentLength() <= MAX_FORM_BYTES) {
      return;
    }
    Optional<Sessions.Visitor> v = visitor(ctx);
    Frame frame = v.isPresent() && !v.get().secondFactorOwed() ? frame(ctx, v.get()) : anonymousFrame(ctx);
    ctx.header("Connection", "close");
    ctx.status(HttpStatus.CONTENT_TOO_LARGE);
    views.page(ctx, "toolarge.jte", Map.of("frame", frame));
    ctx.skipRemainingHandlers();
  }

  /**
   * A destructive post's second step: true once the person has confirmed; otherwise answers with a page that asks
   * {@code question} and posts the same form again to the same path with {@code kept} fields and
   * {@code confirmed=yes} (CSRF-protected like any form), or goes {@code back}. No script needed, and one click never
   * destroys: a page handler starts with {@code if (!gate.confirmed(ctx, frame, question, back, "id")) return;}.
   * Kept fields go into hidden inputs of the page, never a URL: do not keep personal data.
   */
  public boolean confirmed(Context ctx, Frame frame, String question, String back, String... kept) {
    if ("yes".equals(ctx.formParam("confirmed"))) {
      return true;
    }
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    for (String name : kept) {
      String value = ctx.formParam(name);
      fields.put(name, value == null ? "" : value);
    }
    views.page(ctx, "confirm.jte", Map.of("frame", frame, "question", question, "action", ctx.path(),
        "kept", fields, "back", back));
    return false;
  }

  /** The live visitor of the session cookie, if any. */
  public Optional<Sessions.Visitor> visitor(Context ctx) {
    String id = ctx.cookie(SESSION_COOKIE);
    return id == null ? Optional.empty() : accounts.sessions().resolve(id);
  }

  /** Checks the CSRF token of a form posted before sign-in, against the pre-session cookie. */
  public boolean preSessionFormOk(Context ctx) {
    return Csrf.matches(ctx.cookie(PRE_COOKIE), ctx.formParam(Csrf.FIELD));
  }

  /** The frame of a page before sign-in: its forms are tied to a random pre-session cookie. */
  public Frame anonymousFrame(Context ctx) {
    String pre = ctx.cookie(PRE_COOKIE);
    if (!Ids.wellFormed(pre)) {
      pre = Ids.random256();
      setCookie(ctx, PRE_COOKIE, pre);
    }
    return new Frame(messages, lang(ctx), ctx.path(), Csrf.token(pre), null, null, List.of(), List.of(), List.of(),
        List.of(), null);
  }

  /** An opaque name for the principal a kept form belongs to: not its id, which the page has no need to show. */
  private static String draftOwner(String principalId) {
    try {
      byte[] h = java.security.MessageDigest.getInstance("SHA-256")
          .digest(("parcelveil/draft-owner/" + principalId).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(h, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  public Frame frame(Context ctx, Sessions.Visitor v) {
    Role role = v.principal().role();
    return new Frame(messages, lang(ctx), ctx.path(), v.csrfToken(), v.principal().name(), "role." + role.wireName(),
        Navigation.of(role, ctx.path()), List.of(), List.of(), List.of(), draftOwner(v.principal().id()));
  }

  public void refuse(Context ctx, Frame frame, HttpStatus status, String messageKey) {
    ctx.status(status);
    views.page(ctx, "error.jte", Map.of("frame", frame, "message", frame.t(messageKey)));
  }

  public void startSession(Context ctx, String sessionId) {
    setCookie(ctx, SESSION_COOKIE, sessionId);
  }

  public void clearSession(Context ctx) {
    ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict"
        + (secure(ctx) ? "; Secure" : ""));
  }

  public String lang(Context ctx) {
    String chosen = ctx.cookie(LANG_COOKIE);
    if (chosen != null) {
      return Messages.normalise(chosen);
    }
    String accept = ctx.header("Accept-Language");
    return accept != null && accept.trim().toLowerCase(java.util.Locale.ROOT).startsWith("zh") ? Messages.ZH : Messages.EN;
  }

  public void setLang(Context ctx, String lang) {
    ctx.res().addHeader("Set-Cookie", LANG_COOKIE + "=" + Messages.normalise(lang)
        + "; Path=/console; Max-Age=31536000; SameSite=Strict" + (secure(ctx) ? "; Secure" : ""));
  }

  private static void setCookie(Context ctx, String name, String value) {
    // No Max-Age: the cookie dies with the browser; the server ends the session earlier anyway.
    ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=/console; HttpOnly; SameSite=Strict"
        + (secure(ctx) ? "; Secure" : ""));
  }

  /** Over TLS, directly or behind a proxy that says so; a false claim only makes the cookie stricter. */
  static boolean secure(Context ctx) {
    return "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
  }

  static boolean isPost(Context ctx) {
    return "POST".equals(ctx.method().name());
  }
}
