package org.parcelveil.subject;

import org.parcelveil.vault.Phone;
import org.parcelveil.vault.Sensitive;

/**
 * Delivers a one-time code to a phone (an SMS gateway in production). The service finds an implementation through
 * {@code META-INF/services/org.parcelveil.subject.Notifier} on the class path, else it uses {@link LoggingNotifier}.
 * An implementation must never log or store the code or the number in clear.
 */
public interface Notifier {
  void sendCode(Phone phone, Sensitive code);
}
