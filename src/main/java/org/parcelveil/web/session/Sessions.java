package org.parcelveil.web.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;

/**
 * Console sessions: started at sign-in, checked on every request (expired, idle, or principal revoked: the session
 * is gone), rotated when the second factor is passed, ended at sign-out or for every device at once.
 */
public final class Sessions {
  /** A session unused this long ends. */
  public static final Duration IDLE = Duration.ofMinutes(30);
  /** No session outlives this, however busy. */
  public static final Duration ABSOLUTE = Duration.ofHours(12);
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final SessionRepository repository;
  private final Principals principals;
  private final Clock clock;

  Sessions(SessionRepository repository, Principals principals, Clock clock) {
    this.repository = repository;
    this.principals = principals;
    this.clock = clock;
  }

  /** Who a live session belongs to, the CSRF token of its forms, and whether the second factor is still owed. */
  public record Visitor(Principal principal, String csrfToken, boolean secondFactorOwed, String sessionId) {
    @Override
    public String toString() {
      return "Visitor[" + principal.id() + "]";
    }
  }

  /** The visitor of a session cookie, if the session is live and its principal is not revoked. */
  public Optional<Visitor> resolve(String sessionId) {
    if (!Ids.wellFormed(sessionId)) {
      return Optional.empty();
    }
    String hash = Ids.hash(sessionId);
    Optional<Session> found = repository.find(hash);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Session s = found.get();
    Instant now = clock.instant();
    if (!s.expiresAt().isAfter(now) || !s.lastSeenAt().plus(IDLE).isAfter(now)) {
      repository.delete(hash);
      return Optional.empty();
    }
    // Checked on every request, with no cache: a revocation signs the person out everywhere at once.
    Optional<Principal> p = principals.find(s.principalId()).filter(x -> !x.isRevoked());
    if (p.isEmpty()) {
      repository.deleteAllOf(s.principalId());
      return Optional.empty();
    }
    if (s.lastSeenAt().plus(TOUCH_EVERY).isBefore(now)) {
      repository.touch(hash, now);
    }
    return Optional.of(new Visitor(p.get(), Csrf.token(sessionId), s.stage() == Session.Stage.PASSWORD, sessionId));
  }

  /** Starts a session and returns its id, the only copy, for the cookie. */
  String start(String principalId, boolean secondFactorOwed) {
    String id = Ids.random256();
    Instant now = clock.instant();
    repository.insert(new Session(Ids.hash(id), principalId,
        secondFactorOwed ? Session.Stage.PASSWORD : Session.Stage.FULL, now, now, now.plus(ABSOLUTE)));
    return id;
  }

  /** Replaces a half-signed-in session by a full one with a new id, so an id seen before the second factor is void. */
  String promote(Visitor v) {
    repository.delete(Ids.hash(v.sessionId()));
    return start(v.principal().id(), false);
  }

  public void end(String sessionId) {
    if (Ids.wellFormed(sessionId)) {
      repository.delete(Ids.hash(sessionId));
    }
  }

  /** Signs a principal out on every device; returns how many sessions ended. */
  public int endAll(String principalId) {
    return repository.deleteAllOf(principalId);
  }

  /** Removes sessions past their absolute lifetime. */
  public int purgeExpired() {
    return repository.deleteExpired(clock.instant());
  }
}
