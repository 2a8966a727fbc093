package org.parcelveil.subject;

import java.util.ServiceLoader;

/** Finds the notification provider on the class path, or falls back to {@link LoggingNotifier}. */
public final class Notifiers {
  private Notifiers() {}

  public static Notifier load() {
    return ServiceLoader.load(Notifier.class).findFirst().orElseGet(LoggingNotifier::new);
  }
}
