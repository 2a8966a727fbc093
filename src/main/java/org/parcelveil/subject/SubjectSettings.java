package org.parcelveil.subject;

import java.time.Duration;

/**
 * Limits of the data-subject flow: how long codes and sessions live, how many guesses a code allows, and how many
 * challenges a phone and a client may ask for.
 */
public record SubjectSettings(Duration codeTtl, Duration sessionTtl, int attemptsPerCode, int challengesPerPhone,
    Duration phoneWindow, int challengesPerPhonePerDay, int challengesPerClient, int sessionsPerClient,
    Duration clientWindow, int maxShipments) {

  public static final SubjectSettings DEFAULTS = new SubjectSettings(Duration.ofMinutes(10), Duration.ofMinutes(15),
      5, 3, Duration.ofMinutes(15), 10, 10, 30, Duration.ofHours(1), 500);

  public SubjectSettings {
    if (attemptsPerCode < 1 || challengesPerPhone < 1 || challengesPerPhonePerDay < challengesPerPhone
        || challengesPerClient < 1 || sessionsPerClient < 1 || maxShipments < 1) {
      throw new IllegalArgumentException("subject limits must be positive, and the daily limit at least the window's");
    }
  }
}
