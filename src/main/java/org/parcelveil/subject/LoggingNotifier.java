package org.parcelveil.subject;

import org.parcelveil.vault.Phone;
import org.parcelveil.vault.Sensitive;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier used when no real one is installed: it logs one redacted line per code (the country code and last
 * two digits of the number) and sends nothing. The code itself is never logged, so with it nobody can complete a
 * challenge: plug in a real provider (see docs/data-subjects.md).
 */
public final class LoggingNotifier implements Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(LoggingNotifier.class);

  @Override
  public void sendCode(Phone phone, Sensitive code) {
    LOG.info("one-time code for {} not sent: no notification provider is installed", redacted(phone));
  }

  /** {@code +86…78}: enough to tell numbers apart in a log, not enough to call anyone. */
  public static String redacted(Phone phone) {
    String e164 = phone.reveal();
    String country = e164.startsWith("+86") ? "+86" : e164.substring(0, Math.min(3, e164.length()));
    return country + "…" + e164.substring(e164.length() - 2);
  }
}
