package org.parcelveil.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Authenticator;

/**
 * Who may read {@code /metrics}: a scraper with the metrics token ({@value #TOKEN_ENV}), or an admin. The metrics
 * name every route with its counts and timings, the service's traffic and its failures, which is no one's business
 * but the operator's; a scraper gets a token that opens nothing else, so it never holds an admin token.
 */
final class MetricsAccess {
  static final String TOKEN_ENV = "PARCELVEIL_METRICS_TOKEN";
  /** A token shorter than this could be guessed; refuse to start with one. */
  static final int MIN_TOKEN_LENGTH = 32;

  private final Optional<byte[]> scraperToken;
  private final Authenticator principals;

  private MetricsAccess(Optional<byte[]> scraperToken, Authenticator principals) {
    this.scraperToken = scraperToken;
    this.principals = principals;
  }

  /** The metrics token from the environment, if set; fails clearly when it is too short to be a secret. */
  static MetricsAccess from(Map<String, String> env, Authenticator principals) {
    String token = env.get(TOKEN_ENV);
    if (token == null || token.isBlank()) {
      return new MetricsAccess(Optional.empty(), principals);
    }
    if (token.strip().length() < MIN_TOKEN_LENGTH) {
      throw new IllegalArgumentException(TOKEN_ENV + " must have at least " + MIN_TOKEN_LENGTH + " characters");
    }
    return new MetricsAccess(Optional.of(token.strip().getBytes(StandardCharsets.UTF_8)), principals);
  }

  /** Passes a caller with the metrics token or an admin's token: 401 without a valid token, 403 for other roles. */
  void require(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized();
    }
    String token = authorization.substring(7).trim();
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    if (scraperToken.map(t -> MessageDigest.isEqual(t, given)).orElse(false)) {
      return;
    }
    Principal p = principals.authenticate(token).orElseThrow(ApiException::unauthorized);
    if (p.role() != Role.ADMIN) {
      throw ApiException.forbidden("Metrics are for the operator: the metrics token or an admin token.");
    }
  }
}
