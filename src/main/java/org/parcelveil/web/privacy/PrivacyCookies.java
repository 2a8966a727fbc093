package org.parcelveil.web.privacy;

import io.javalin.http.Context;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Messages;
import org.parcelveil.web.session.Ids;

/**
 * The privacy page's cookies, all on {@code Path=/privacy} so the console never sees them: the data-subject session
 * token (HttpOnly, SameSite=Strict, Secure over TLS, and no longer-lived than the session itself), a random
 * pre-session value the sign-in forms' CSRF tokens derive from, and the chosen language.
 */
final class PrivacyCookies {
  static final String SESSION = "pv_subject";
  static final String PRE = "pv_subject_pre";
  static final String LANG = Gate.LANG_COOKIE;
  private static final String ATTRIBUTES = "; Path=/privacy; HttpOnly; SameSite=Strict";

  private PrivacyCookies() {}

  static @Nullable String session(Context ctx) {
    return ctx.cookie(SESSION);
  }

  static void startSession(Context ctx, String token, Duration ttl) {
    set(ctx, SESSION + "=" + token + ATTRIBUTES + "; Max-Age=" + ttl.toSeconds());
  }

  static void endSession(Context ctx) {
    set(ctx, SESSION + "=" + ATTRIBUTES + "; Max-Age=0");
  }

  /** The pre-session value, made (and set) on first use. */
  static String pre(Context ctx) {
    String pre = ctx.cookie(PRE);
    if (!Ids.wellFormed(pre)) {
      pre = Ids.random256();
      set(ctx, PRE + "=" + pre + ATTRIBUTES);
    }
    return pre;
  }

  static void lang(Context ctx, String lang) {
    set(ctx, LANG + "=" + Messages.normalise(lang) + "; Path=/privacy; Max-Age=31536000; SameSite=Strict");
  }

  private static void set(Context ctx, String cookie) {
    boolean tls = "https".equalsIgnoreCase(ctx.scheme()) || "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"));
    ctx.res().addHeader("Set-Cookie", cookie + (tls ? "; Secure" : ""));
  }
}
