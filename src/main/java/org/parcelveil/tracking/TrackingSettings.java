package org.parcelveil.tracking;

import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * Public tracking's limits and display. Defaults: 300 look-ups and 20 misses (unknown numbers and wrong phone
 * digits) per client per hour, 20 wrong phone guesses per waybill per day, the peer address as the client (no
 * proxy header), times shown in China Standard Time.
 *
 * @param lookups every look-up of a client, found or not
 * @param misses the look-ups of a client that found nothing or guessed the phone digits wrong
 * @param wrongGuessesPerWaybill wrong phone digits per waybill per day (all clients together, per node) before
 *     the phone check stops answering for that waybill: a spread-out guesser then learns nothing more
 * @param trustedProxyHeader the header a trusted reverse proxy sets to the client address (e.g.
 *     {@code X-Forwarded-For}), or null. Set it only when every request comes through that proxy: a client can
 *     write the header itself
 * @param displayZone the zone that times on the web pages are shown in
 */
public record TrackingSettings(Budget lookups, Budget misses, int wrongGuessesPerWaybill,
    @Nullable String trustedProxyHeader, ZoneId displayZone) {

  public static final TrackingSettings DEFAULTS = new TrackingSettings(Budget.perHour(300), Budget.perHour(20), 20,
      null, ZoneId.of("Asia/Shanghai"));

  public TrackingSettings {
    if (lookups == null || misses == null || displayZone == null) {
      throw new IllegalArgumentException("tracking settings need lookups, misses and displayZone");
    }
    if (wrongGuessesPerWaybill < 1) {
      throw new IllegalArgumentException("wrongGuessesPerWaybill must be at least 1, was " + wrongGuessesPerWaybill);
    }
    if (trustedProxyHeader != null && !trustedProxyHeader.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("trustedProxyHeader must be a header name, was " + trustedProxyHeader);
    }
  }

  public TrackingSettings withLookups(Budget b) {
    return new TrackingSettings(b, misses, wrongGuessesPerWaybill, trustedProxyHeader, displayZone);
  }

  public TrackingSettings withMisses(Budget b) {
    return new TrackingSettings(lookups, b, wrongGuessesPerWaybill, trustedProxyHeader, displayZone);
  }

  public TrackingSettings withTrustedProxyHeader(@Nullable String header) {
    return new TrackingSettings(lookups, misses, wrongGuessesPerWaybill, header, displayZone);
  }

  public TrackingSettings withWrongGuessesPerWaybill(int n) {
    return new TrackingSettings(lookups, misses, n, trustedProxyHeader, displayZone);
  }
}
