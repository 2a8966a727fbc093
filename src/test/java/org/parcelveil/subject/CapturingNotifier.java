package org.parcelveil.subject;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.parcelveil.vault.Phone;
import org.parcelveil.vault.Sensitive;

/**
 * The tests' notification provider, installed through {@code META-INF/services}: it logs like the default one and
 * keeps each code, by phone, for the test that plays the person holding the phone.
 */
public final class CapturingNotifier implements Notifier {
  private static final Map<String, BlockingQueue<String>> CODES = new ConcurrentHashMap<>();
  private final LoggingNotifier log = new LoggingNotifier();

  @Override
  public void sendCode(Phone phone, Sensitive code) {
    log.sendCode(phone, code);
    CODES.computeIfAbsent(phone.reveal(), k -> new LinkedBlockingQueue<>()).add(code.reveal());
  }

  /** The next code sent to the phone (E.164), waiting up to {@code wait}. */
  public static Optional<String> next(String e164, Duration wait) throws InterruptedException {
    return Optional.ofNullable(CODES.computeIfAbsent(e164, k -> new LinkedBlockingQueue<>())
        .poll(wait.toMillis(), TimeUnit.MILLISECONDS));
  }
}
