package org.parcelveil.access;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.http.Authenticator;
import org.parcelveil.network.Network;
import org.parcelveil.network.Station;
import org.parcelveil.validation.Check;
import org.parcelveil.vault.Phone;
import org.parcelveil.vault.Vault;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;

/**
 * Creates, finds and revokes principals, and authenticates their tokens. Revocation deletes the tokens; once
 * {@link #startTokenCache()} ran, tokens are cached per node, and a revoked token is refused at once on the node that
 * revoked it and within {@link #REVOCATION_BOUND} on every other node ({@link TokenCache}).
 */
public final class Principals implements Authenticator, AutoCloseable {
  /** How long after a revocation commits another node may still accept the revoked token, at most. */
  public static final java.time.Duration REVOCATION_BOUND = TokenCache.BOUND;
  private final PrincipalRepository repository;
  private final Network network;
  private final AuditLog audit;
  private final Vault vault;
  private final Clock clock;
  private final TokenCache tokens;

  public Principals(PrincipalRepository repository, Network network, AuditLog audit, Vault vault, Clock clock) {
    this.repository = repository;
    this.network = network;
    this.audit = audit;
    this.vault = vault;
    this.clock = clock;
    this.tokens = new TokenCache(repository::revocationMark, System::nanoTime);
  }

  /** Starts caching tokens, with the revocation checks that bound how stale the cache may be (a serving node). */
  public Principals startTokenCache() {
    tokens.start();
    return this;
  }

  /** A new principal and the only copy of its token. */
  public record Created(Principal principal, String token) {
    @Override
    public String toString() {
      return "Created[" + principal.id() + ", token=[REDACTED]]";
    }
  }

  /** Creates a principal; {@code actor} is who asks (null for the service itself, e.g. on first start). */
  public Created create(Principal actor, String role, String name, String stationCode) {
    return create(actor, role, name, stationCode, null);
  }

  /**
   * Creates a principal with a work phone (couriers): its blind index lets the call relay recognise the courier
   * calling; the phone itself is kept sealed only so that the index can be recomputed after a key rotation.
   */
  public Created create(Principal actor, String role, String name, String stationCode, String phone) {
    Check check = new Check();
    Phone workPhone = phone == null ? null : check.nested("", () -> Phone.parse("phone", phone));
    Optional<Role> r = role == null ? Optional.empty() : Role.fromWire(role);
    if (r.isEmpty()) {
      check.fail("role", "must be one of admin, merchant, station, courier, support, security, platform");
    }
    String n = check.text("name", name, 1, 100);
    if (r.isPresent() && r.get().needsStation()) {
      if (stationCode == null || stationCode.isBlank()) {
        check.fail("stationCode", "is required for the " + role + " role");
      } else if (network.find(stationCode).isEmpty()) {
        check.fail("stationCode", "is not a known station");
      } else if (r.get() == Role.COURIER && network.find(stationCode).get().kind() == Station.Kind.HUB) {
        // A hub only sorts: nobody picks up or delivers from it, so no courier could ever be assigned there.
        check.fail("stationCode", "must be a station, not a hub: couriers pick up and deliver from stations");
      }
    } else if (stationCode != null && !stationCode.isBlank()) {
      check.fail("stationCode", "only station staff and couriers belong to a station");
    }
    check.throwIfInvalid();
    Principal p = new Principal(Tokens.newId("pr_"), r.get(), n,
        r.get().needsStation() ? stationCode : null, clock.instant(), null);
    String token = Tokens.newToken();
    // Logged first: if the log is down, no account appears that the log does not know of.
    audit.append(AuditRecord.admin("principal.create", actorId(actor), actorRole(actor), p.id()));
    repository.insert(p, Tokens.hash(token));
    if (workPhone != null) {
      repository.setPhone(p.id(), vault.blindIndex().of(workPhone), vault.sealWorkPhone(p.id(), workPhone));
    }
    return new Created(p, token);
  }

  /** Revokes at once; false if unknown or already revoked. */
  public boolean revoke(Principal actor, String id) {
    if (repository.find(id).filter(p -> !p.isRevoked()).isEmpty()) {
      return false;
    }
    audit.append(AuditRecord.admin("principal.revoke", actorId(actor), actorRole(actor), id));
    try {
      return repository.revoke(id, clock.instant());
    } finally {
      tokens.invalidate();
    }
  }

  public Optional<Principal> find(String id) {
    return repository.find(id);
  }

  public List<Principal> all() {
    return repository.all();
  }

  @Override
  public Optional<Principal> authenticate(String bearerToken) {
    if (!Tokens.looksLikeToken(bearerToken)) {
      return Optional.empty();
    }
    String hash = Tokens.hash(bearerToken);
    return tokens.get(hash, () -> repository.findByTokenHash(hash).filter(p -> !p.isRevoked()));
  }

  @Override
  public void close() {
    tokens.close();
  }

  private static String actorId(Principal actor) {
    return actor == null ? "system" : actor.id();
  }

  private static String actorRole(Principal actor) {
    return actor == null ? "system" : actor.role().wireName();
  }
}
