package org.parcelveil.leaks.service;

import java.net.URI;
import java.util.Optional;
import org.parcelveil.leaks.attribution.AttributionBounds;
import org.parcelveil.leaks.canary.CanarySettings;
import org.parcelveil.leaks.detect.DetectorSettings;

/**
 * The leak defence's settings: detector thresholds, the canary phone range, the optional alert webhook, the guilt
 * model's p (the chance a leaked record was obtained without any of our agents), the largest upload, and how much a
 * person's attribution may match before an admin must release it.
 */
public record LeakSettings(DetectorSettings detectors, CanarySettings canaries, Optional<URI> webhook,
    double guessProbability, int maxAttributionRecords, AttributionBounds attributionBounds) {

  public static final LeakSettings DEFAULTS = new LeakSettings(DetectorSettings.DEFAULTS, CanarySettings.DEFAULTS,
      Optional.empty(), 0.2, 200_000, AttributionBounds.DEFAULTS);

  public LeakSettings(DetectorSettings detectors, CanarySettings canaries, Optional<URI> webhook,
      double guessProbability, int maxAttributionRecords) {
    this(detectors, canaries, webhook, guessProbability, maxAttributionRecords, AttributionBounds.DEFAULTS);
  }

  public LeakSettings {
    if (guessProbability < 0 || guessProbability >= 1) {
      throw new IllegalArgumentException("guessProbability must be in [0, 1), was " + guessProbability);
    }
    if (maxAttributionRecords < 1) {
      throw new IllegalArgumentException("maxAttributionRecords must be at least 1");
    }
    java.util.Objects.requireNonNull(attributionBounds, "attributionBounds");
  }

  public LeakSettings withWebhook(URI uri) {
    return new LeakSettings(detectors, canaries, Optional.of(uri), guessProbability, maxAttributionRecords,
        attributionBounds);
  }

  public LeakSettings withDetectors(DetectorSettings d) {
    return new LeakSettings(d, canaries, webhook, guessProbability, maxAttributionRecords, attributionBounds);
  }

  public LeakSettings withAttributionBounds(AttributionBounds b) {
    return new LeakSettings(detectors, canaries, webhook, guessProbability, maxAttributionRecords, b);
  }
}
