package org.parcelveil.subject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.parcelveil.audit.AuditLog;
import org.parcelveil.audit.AuditRecord;
import org.parcelveil.keys.Secret;
import org.parcelveil.shipment.Shipments;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.vault.BlindIndex;
import org.parcelveil.vault.Phone;
import org.parcelveil.vault.Sensitive;

/**
 * Lets a person prove control of a phone number: a one-time code goes to the phone through the {@link Notifier},
 * and the code opens a short-lived session. A challenge is answered the same way whether or not we hold anything
 * for the number (no existence oracle); a code is only sent when we do, and sending happens off the request thread
 * so that timing does not tell either. Codes are stored as keyed MACs and allow a few guesses each; challenges are
 * limited per phone (shared in the database) and per client.
 */
public final class SubjectAuth implements AutoCloseable {
  private static final Pattern CODE = Pattern.compile("\\d{6}");
  private static final Duration KEEP_CHALLENGES = Duration.ofDays(1);

  private final Challenges challenges;
  private final Sessions sessions;
  private final Shipments shipments;
  private final BlindIndex index;
  private final byte[] codeKey;
  private final Notifier notifier;
  private final AuditLog audit;
  private final SubjectSettings settings;
  private final Clock clock;
  private final ClientLimiter challengeLimit;
  private final ClientLimiter sessionLimit;
  private final SecureRandom random = new SecureRandom();
  private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "subject-notifier");
    t.setDaemon(true);
    return t;
  });

  public SubjectAuth(DataSource dataSource, Shipments shipments, BlindIndex index, Secret codeKey, Notifier notifier,
      AuditLog audit, SubjectSettings settings, Clock clock) {
    this.challenges = new Challenges(dataSource);
    this.sessions = new Sessions(dataSource);
    this.shipments = shipments;
    this.index = index;
    this.codeKey = codeKey.bytes();
    this.notifier = notifier;
    this.audit = audit;
    this.settings = settings;
    this.clock = clock;
    this.challengeLimit = new ClientLimiter(settings.challengesPerClient(), settings.clientWindow(), clock);
    this.sessionLimit = new ClientLimiter(settings.sessionsPerClient(), settings.clientWindow(), clock);
  }

  /** A session: its token (shown once) and when it ends. */
  public record Session(String token, Instant expiresAt) {
    @Override
    public String toString() {
      return "Session[token=[REDACTED], expiresAt=" + expiresAt + "]";
    }
  }

  /**
   * Asks for a code for the phone.
   *
   * @throws ValidationException if the phone is not a phone number
   * @throws SubjectRefusedException if the client or the phone asked too often
   */
  public void challenge(String phoneText, String client) {
    limit(challengeLimit, client);
    Phone phone = Phone.parse("phone", phoneText);
    Instant now = clock.instant();
    challenges.purgeBefore(now.minus(KEEP_CHALLENGES));
    List<String> indexes = index.allOf(phone);
    if (challenges.countSince(indexes, now.minus(settings.phoneWindow())) >= settings.challengesPerPhone()
        || challenges.countSince(indexes, now.minus(KEEP_CHALLENGES)) >= settings.challengesPerPhonePerDay()) {
      log("subject.challenge", "anonymous", AuditRecord.Outcome.REFUSED, "rate_limited");
      throw SubjectRefusedException.rateLimited(settings.phoneWindow().toSeconds());
    }
    String id = "ch_" + HexFormat.of().formatHex(randomBytes(10));
    String code = String.format("%06d", random.nextInt(1_000_000));
    // Stored whether or not we hold data for the phone, so the limits and the answer are the same either way.
    challenges.insert(id, index.of(phone), mac(id, code), now, now.plus(settings.codeTtl()));
    log("subject.challenge", "anonymous", AuditRecord.Outcome.ALLOWED, null);
    if (!shipments.byPhone(phone, 1).isEmpty()) {
      Sensitive sealedCode = Sensitive.of(code);
      sender.execute(() -> notifier.sendCode(phone, sealedCode));
    }
  }

  /**
   * Opens a session with a code.
   *
   * @throws ValidationException if the phone or the code is malformed
   * @throws SubjectRefusedException if the code is wrong, expired, used or out of guesses (one answer for all), or
   *     the client tried too often
   */
  public Session session(String phoneText, String code, String client) {
    limit(sessionLimit, client);
    Phone phone = Phone.parse("phone", phoneText);
    if (code == null || !CODE.matcher(code).matches()) {
      throw ValidationException.of("code", "must be the 6 digits that were sent");
    }
    Instant now = clock.instant();
    Optional<Challenges.Open> open = challenges.newestOpen(index.allOf(phone), now);
    boolean ok = open.isPresent()
        && challenges.spendAttempt(open.get().id(), settings.attemptsPerCode())
        && MessageDigest.isEqual(mac(open.get().id(), code).getBytes(StandardCharsets.US_ASCII),
            open.get().codeMac().getBytes(StandardCharsets.US_ASCII))
        && challenges.markUsed(open.get().id(), now);
    if (!ok) {
      log("subject.session", "anonymous", AuditRecord.Outcome.REFUSED, "code_rejected");
      throw SubjectRefusedException.codeRejected();
    }
    sessions.purgeExpired(now);
    String token = sessions.create(phone, now, settings.sessionTtl());
    Subject subject = sessions.resolve(token, now).orElseThrow();
    log("subject.session", subject.id(), AuditRecord.Outcome.ALLOWED, null);
    return new Session(token, now.plus(settings.sessionTtl()));
  }

  /** The subject behind a session token, while the session lasts. */
  public Optional<Subject> authenticate(String token) {
    return sessions.resolve(token, clock.instant());
  }

  /**
   * Ends the session behind {@code token} (signing out): the token opens nothing afterwards, wherever a copy of it
   * was left.
   */
  public void end(String token) {
    sessions.end(token);
  }

  private void log(String action, String principal, AuditRecord.Outcome outcome, String reason) {
    audit.append(new AuditRecord(action, principal, "subject", null, null, null, null, outcome, reason));
  }

  private static void limit(ClientLimiter limiter, String client) {
    OptionalLong retry = limiter.acquire(client == null ? "unknown" : client);
    if (retry.isPresent()) {
      throw SubjectRefusedException.rateLimited(retry.getAsLong());
    }
  }

  private String mac(String challengeId, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(codeKey, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal((challengeId + "|" + code).getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  @Override
  public void close() {
    sender.shutdown();
  }
}
