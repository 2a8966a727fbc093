package org.parcelveil.web.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.store.StoreException;

/**
 * Console accounts of people: passwords set through one-time links, sign-in with lock-out, and the TOTP second
 * factor that admin and security must pass. Machines (platforms) keep API tokens and never sign in here.
 */
public final class Accounts {
  /** How long a set-up link works. */
  public static final Duration LINK_LIFETIME = Duration.ofHours(24);
  private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{2,39}");
  private static final String ISSUER = "ParcelVeil";

  private final CredentialRepository credentials;
  private final Sessions sessions;
  private final Principals principals;
  private final Passwords passwords;
  private final SecretBox box;
  private final AuditLog audit;
  private final SignInThrottle throttle;
  private final Clock clock;
  // Verified against when no password may be checked (unknown name, throttled attempt), so that such an answer
  // costs as long as a wrong password. Made from random characters: no password can sign in through it, and the
  // result of checking against it is never used anyway.
  private final String decoyHash;

  Accounts(CredentialRepository credentials, Sessions sessions, Principals principals, Passwords passwords,
      SecretBox box, AuditLog audit, SignInThrottle throttle, Clock clock) {
    this.credentials = credentials;
    this.sessions = sessions;
    this.principals = principals;
    this.passwords = passwords;
    this.box = box;
    this.audit = audit;
    this.throttle = throttle;
    this.clock = clock;
    this.decoyHash = passwords.hash(Ids.random256().toCharArray());
  }

  /** Builds the sign-in feature over the main database; the second-factor seeds are sealed with a key-store key. */
  public static Accounts create(DataSource dataSource, Principals principals, KeyStore keys, AuditLog audit,
      Passwords passwords, Clock clock) {
    Sessions sessions = new Sessions(new SessionRepository(dataSource), principals, clock);
    SignInThrottle throttle = new SignInThrottle(dataSource, Lockout.STANDARD, Lockout.PER_NAME,
        keys.currentSecret(KeyName.WEB_SIGNIN_NAMES).bytes());
    return new Accounts(new CredentialRepository(dataSource), sessions, principals, passwords,
        new SecretBox(keys.currentSecret(KeyName.WEB_TOTP).bytes()), audit, throttle, clock);
  }

  public Sessions sessions() {
    return sessions;
  }

  /** People sign in to the console; platforms are machines and use API tokens only. */
  public static boolean isPerson(Role role) {
    return role != Role.PLATFORM;
  }

  /** Admin and security hold the keys to everything else, so they owe a second factor. */
  public static boolean needsSecondFactor(Role role) {
    return role == Role.ADMIN || role == Role.SECURITY;
  }

  /** The outcome of a sign-in attempt. */
  public sealed interface Attempt permits SignedIn, Refused, Locked {}

  /** Signed in (perhaps owing the second factor); {@code sessionId} goes into the cookie. */
  public record SignedIn(String sessionId, boolean secondFactorOwed) implements Attempt {
    @Override
    public String toString() {
      return "SignedIn[owed=" + secondFactorOwed + "]";
    }
  }

  /** Wrong name or password; deliberately not saying which. */
  public record Refused() implements Attempt {}

  /** Too many failures: nothing is checked for {@code retryAfter}. */
  public record Locked(Duration retryAfter) implements Attempt {
    static Locked until(Instant until, Instant now) {
      return new Locked(Duration.between(now, until));
    }

    /** The wait in whole seconds, rounded up, at least one (for {@code Retry-After}). */
    public long seconds() {
      return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
  }

  /**
   * Checks a password. Every attempt takes the same way whether or not the name has an account, is throttled or
   * not: it is counted under the name tried and {@code client} (a {@code ClientKeys} key), and one password hash
   * is verified, so neither the answer nor its time tells a real name from a made-up one.
   */
  public Attempt signIn(String login, char[] password, String client) {
    String name = login == null ? "" : login.trim().toLowerCase(java.util.Locale.ROOT);
    Instant now = clock.instant();
    String nameKey = throttle.keyOf(name);
    Charge charge = throttle.charge(nameKey, client, now);
    Optional<Credential> found = LOGIN.matcher(name).matches() ? credentials.findByLogin(name) : Optional.empty();
    Optional<Principal> principal = found.flatMap(c -> principals.find(c.principalId()))
        .filter(p -> !p.isRevoked() && isPerson(p.role()));
    String hash = found.map(Credential::passwordHash).orElse(null);
    boolean checkable = !charge.refused() && principal.isPresent() && hash != null;
    boolean right = passwords.verify(password, checkable ? hash : decoyHash) && checkable;
    if (charge.refused()) {
      return Locked.until(charge.lockedUntil(), now);
    }
    if (!right) {
      return charge.lockIfFails() == null ? new Refused() : Locked.until(charge.lockIfFails(), now);
    }
    throttle.succeeded(nameKey, client);
    Credential c = found.get();
    if (passwords.needsRehash(hash)) {
      credentials.save(c.withPassword(c.login(), passwords.hash(password)), now);
    }
    boolean owed = needsSecondFactor(principal.get().role());
    return new SignedIn(sessions.start(c.principalId(), owed), owed);
  }

  /** What an authenticator app needs to enrol: the base32 secret and its {@code otpauth://} link. */
  public record Enrolment(String secret, String uri) {
    @Override
    public String toString() {
      return "Enrolment[REDACTED]";
    }
  }

  /** The pending enrolment of a visitor without an enabled second factor; empty once enabled. */
  public Optional<Enrolment> enrolment(Sessions.Visitor v) {
    String id = v.principal().id();
    Credential c = credentials.find(id).orElseThrow(() -> new StoreException("credentials vanished", null));
    if (c.totpEnabled()) {
      return Optional.empty();
    }
    byte[] secret;
    if (c.totpSealed() == null) {
      secret = Totp.newSecret();
      credentials.save(c.withTotp(box.seal(secret, id), false), clock.instant());
    } else {
      secret = box.open(c.totpSealed(), id);
    }
    String account = c.login();
    return Optional.of(new Enrolment(Totp.base32(secret), Totp.otpauthUri(ISSUER, account, secret)));
  }

  /**
   * Checks the second factor of a half-signed-in visitor (enrolling it if this is the first code); on success
   * returns the id of the new, fully signed-in session. Failures count towards the second factor's own lock-out.
   */
  public Attempt secondFactor(Sessions.Visitor v, String code) {
    String id = v.principal().id();
    Credential c = credentials.find(id).orElseThrow(() -> new StoreException("credentials vanished", null));
    Instant now = clock.instant();
    if (c.totpSealed() == null) {
      return new Refused();
    }
    // Counted apart from passwords and cleared only by a right code: signing in again buys no new guesses.
    Charge charge = credentials.chargeSecondFactor(id, Lockout.SECOND_FACTOR, now);
    if (charge.refused()) {
      return Locked.until(charge.lockedUntil(), now);
    }
    long step = Totp.matchStep(box.open(c.totpSealed(), id), code, now);
    if (step < 0 || !credentials.useTotpStep(id, step)) {
      return charge.lockIfFails() == null ? new Refused() : Locked.until(charge.lockIfFails(), now);
    }
    credentials.clearSecondFactorFailures(id);
    if (!c.totpEnabled()) {
      credentials.save(credentials.find(id).orElseThrow().withTotp(c.totpSealed(), true), now);
    }
    return new SignedIn(sessions.promote(v), false);
  }

  /** A one-time link's secret part and when it stops working. */
  public record SetupLink(String token, Instant expiresAt) {
    /**
     * The link under the service's configured public address, never one taken from the request: a forged
     * {@code Host} or {@code X-Forwarded-Host} would otherwise send the token to another site.
     */
    public String url(String publicUrl) {
      String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
      return base + "/console/setup/" + token;
    }

    @Override
    public String toString() {
      return "SetupLink[REDACTED]";
    }
  }

  /**
   * Makes a one-time link for a person to set their password (and voids older ones). Logged in the audit log:
   * whoever holds the link can take over the account until it is used.
   */
  public SetupLink createSetupLink(Principal admin, String principalId) {
    Principal p = principals.find(principalId).filter(x -> !x.isRevoked() && isPerson(x.role()))
        .orElseThrow(() -> new IllegalArgumentException("no active person with that id"));
    Instant now = clock.instant();
    audit.append(AuditRecord.admin("console.setup_link", admin.id(), admin.role().wireName(), p.id()));
    credentials.voidLinks(p.id(), now);
    String token = Ids.random256();
    credentials.insertLink(Ids.hash(token), p.id(), admin.id(), now, now.plus(LINK_LIFETIME));
    return new SetupLink(token, now.plus(LINK_LIFETIME));
  }

  /** The person a set-up link is for, while it is unused and unexpired. */
  public Optional<Principal> linkOwner(String token) {
    if (!Ids.wellFormed(token)) {
      return Optional.empty();
    }
    return credentials.linkOwner(Ids.hash(token), clock.instant())
        .flatMap(principals::find).filter(p -> !p.isRevoked() && isPerson(p.role()));
  }

  /**
   * Sets the password through a set-up link, which then stops working; every existing session of the person ends.
   * Returns the problems found (message keys), empty on success.
   */
  public List<String> setPassword(String token, String login, char[] password, char[] repeat) {
    List<String> problems = new ArrayList<>();
    Principal p = linkOwner(token).orElse(null);
    if (p == null) {
      problems.add("setup.link_invalid");
      return problems;
    }
    String name = login == null ? "" : login.trim().toLowerCase(java.util.Locale.ROOT);
    if (!LOGIN.matcher(name).matches()) {
      problems.add("setup.login_invalid");
    } else {
      credentials.findByLogin(name).filter(c -> !c.principalId().equals(p.id()))
          .ifPresent(c -> problems.add("setup.login_taken"));
    }
    if (password.length < Passwords.MIN_LENGTH || password.length > Passwords.MAX_LENGTH) {
      problems.add("setup.password_length");
    } else if (!java.util.Arrays.equals(password, repeat)) {
      problems.add("setup.password_mismatch");
    }
    if (!problems.isEmpty()) {
      return problems;
    }
    Instant now = clock.instant();
    if (!credentials.useLink(Ids.hash(token), now)) {
      problems.add("setup.link_invalid");
      return problems;
    }
    Credential c = credentials.find(p.id())
        .orElse(new Credential(p.id(), name, null, null, false, 0));
    credentials.save(c.withPassword(name, passwords.hash(password)), now);
    // A link is an admin's word that this is the person: it also lifts a second-factor lock they ran into.
    credentials.clearSecondFactorFailures(p.id());
    sessions.endAll(p.id());
    return problems;
  }

  /** A demo person's second factor as an authenticator app takes it; empty for roles that owe none. */
  public record DemoLogin(String login, Optional<Enrolment> secondFactor) {
    @Override
    public String toString() {
      return "DemoLogin[" + login + "]";
    }
  }

  /**
   * For the demo only ({@code serve --demo}): gives a person a sign-in name and password directly, without a
   * set-up link, and for admin and security an enabled second factor whose secret is returned for the demo's
   * tokens file. Real people always choose their own password through a link. Audit-logged like a link, since
   * it too hands over an account.
   */
  public DemoLogin provisionDemo(String principalId, String login, char[] password) {
    Principal p = principals.find(principalId).filter(x -> !x.isRevoked() && isPerson(x.role()))
        .orElseThrow(() -> new IllegalArgumentException("no active person with that id"));
    if (!LOGIN.matcher(login).matches() || password.length < Passwords.MIN_LENGTH) {
      throw new IllegalArgumentException("demo sign-in name or password does not meet the rules");
    }
    if (credentials.find(p.id()).isPresent() || credentials.findByLogin(login).isPresent()) {
      throw new IllegalArgumentException("this person or sign-in name has console credentials already");
    }
    Instant now = clock.instant();
    audit.append(AuditRecord.admin("console.demo_credentials", "demo", "system", p.id()));
    Credential c = new Credential(p.id(), login, passwords.hash(password), null, false, 0);
    Optional<Enrolment> second = Optional.empty();
    if (needsSecondFactor(p.role())) {
      byte[] secret = Totp.newSecret();
      c = c.withTotp(box.seal(secret, p.id()), true);
      second = Optional.of(new Enrolment(Totp.base32(secret), Totp.otpauthUri(ISSUER, login, secret)));
    }
    credentials.save(c, now);
    return new DemoLogin(login, second);
  }

  /** The sign-in name a principal chose, if any (shown to admins). */
  public Optional<String> loginOf(String principalId) {
    return credentials.find(principalId).map(Credential::login);
  }
}
