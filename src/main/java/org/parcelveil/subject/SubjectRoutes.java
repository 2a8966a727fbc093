package org.parcelveil.subject;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.parcelveil.http.Access;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Requests;
import org.parcelveil.http.Routes;
import org.parcelveil.validation.Check;
import org.parcelveil.subject.SubjectViews.Accepted;
import org.parcelveil.subject.SubjectViews.ChallengeRequest;
import org.parcelveil.subject.SubjectViews.EraseRequest;
import org.parcelveil.subject.SubjectViews.EraseResults;
import org.parcelveil.subject.SubjectViews.SessionRequest;
import org.parcelveil.subject.SubjectViews.SessionView;
import org.parcelveil.subject.SubjectViews.ShipmentList;
import org.parcelveil.subject.SubjectViews.ShipmentView;

/**
 * The data-subject endpoints under {@code /v1/subjects}: ask for a code, open a session with it, then list, export
 * and erase one's own shipments with the session's bearer token (not a principal's token).
 */
public final class SubjectRoutes implements Routes {
  static final String PREFIX = "/v1/subjects/";
  static final int MAX_ERASE = 100;

  private final SubjectAuth auth;
  private final SubjectData data;
  private final SubjectExport exports;

  public SubjectRoutes(SubjectAuth auth, SubjectData data, SubjectExport exports) {
    this.auth = auth;
    this.data = data;
    this.exports = exports;
  }

  @Override
  public void register(RoutesConfig routes) {
    // A data subject's session token is no principal's: these routes check it themselves.
    routes.post(PREFIX + "challenge", this::challenge, Access.OWN_TOKEN);
    routes.post(PREFIX + "session", this::session, Access.OWN_TOKEN);
    routes.get(PREFIX + "shipments", this::shipments, Access.OWN_TOKEN);
    routes.get(PREFIX + "export", this::export, Access.OWN_TOKEN);
    routes.get(PREFIX + "disclosures", this::disclosures, Access.OWN_TOKEN);
    routes.post(PREFIX + "erase", this::erase, Access.OWN_TOKEN);
  }

  private void challenge(Context ctx) {
    ChallengeRequest r = Requests.body(ctx, ChallengeRequest.class);
    refusals(ctx, () -> auth.challenge(r.phone(), ctx.ip()));
    ctx.status(202).json(new Accepted("accepted",
        "If we hold shipments for this number, a one-time code is on its way to it."));
  }

  private void session(Context ctx) {
    SessionRequest r = Requests.body(ctx, SessionRequest.class);
    SubjectAuth.Session[] s = new SubjectAuth.Session[1];
    refusals(ctx, () -> s[0] = auth.session(r.phone(), r.code(), ctx.ip()));
    ctx.status(201).json(new SessionView(s[0].token(), s[0].expiresAt()));
  }

  private void shipments(Context ctx) {
    Subject subject = subject(ctx);
    ctx.json(new ShipmentList(data.list(subject).stream().map(ShipmentView::of).toList()));
  }

  /** Who saw the subject's data, newest first, each entry with its inclusion proof (docs/data-subjects.md). */
  private void disclosures(Context ctx) {
    Subject subject = subject(ctx);
    ctx.json(data.disclosures(subject));
  }

  private void export(Context ctx) {
    exports.send(ctx, subject(ctx));
  }

  private void erase(Context ctx) {
    Subject subject = subject(ctx);
    EraseRequest r = Requests.body(ctx, EraseRequest.class);
    Check check = new Check();
    if (r.waybills() == null || r.waybills().isEmpty()) {
      check.fail("waybills", "must list at least one waybill number");
    } else if (r.waybills().size() > MAX_ERASE) {
      check.fail("waybills", "must list at most " + MAX_ERASE + " waybill numbers");
    } else {
      for (int i = 0; i < r.waybills().size(); i++) {
        String w = r.waybills().get(i);
        // Only well-formed numbers are echoed and logged: anything else may be personal data typed by mistake.
        if (w == null || !data.isWaybill(w)) {
          check.fail("waybills[" + i + "]", "is not a waybill number");
        }
      }
    }
    check.throwIfInvalid();
    List<String> waybills = r.waybills().stream().map(w -> w.strip().toUpperCase(Locale.ROOT)).distinct().toList();
    ctx.json(new EraseResults(data.erase(subject, waybills)));
  }

  private Subject subject(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized();
    }
    return auth.authenticate(header.substring(7).trim()).orElseThrow(ApiException::unauthorized);
  }

  private static void refusals(Context ctx, Runnable step) {
    try {
      step.run();
    } catch (SubjectRefusedException e) {
      if (e.rateLimited()) {
        ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
        throw new ApiException(429, "rate-limited", "Too many requests", "Too many requests; retry later.",
            List.of(), Map.of("retryAfterSeconds", e.retryAfterSeconds()));
      }
      throw new ApiException(401, "code-rejected", "Code rejected",
          "The code is wrong, expired or used up. Ask for a new one.");
    }
  }
}
