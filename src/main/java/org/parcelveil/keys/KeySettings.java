package org.parcelveil.keys;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How the service finds its master key and how often it looks for new key versions.
 *
 * @param masterKeyUri a KMS key URI ({@code gcp-kms://...}, {@code aws-kms://...}, {@code local-kms://<path>}), or
 *     null for the environment or the key file
 * @param refreshInterval how often a running node takes up rotated keys (and, times three, re-indexes)
 */
public record KeySettings(@Nullable String masterKeyUri, Duration refreshInterval) {
  public static final KeySettings DEFAULTS = new KeySettings(null, Duration.ofSeconds(10));

  public KeySettings {
    if (refreshInterval.isNegative() || refreshInterval.isZero()) {
      throw new IllegalArgumentException("the key refresh interval must be positive, was " + refreshInterval);
    }
  }

  public KeySettings withMasterKeyUri(@Nullable String uri) {
    return new KeySettings(uri == null || uri.isBlank() ? null : uri.strip(), refreshInterval);
  }

  @Override
  public String toString() {
    // A KMS URI names a key, it is not one; still, keep settings printouts short.
    return "KeySettings[master=" + (masterKeyUri == null ? "env or file" : masterKeyUri) + ", refresh="
        + refreshInterval + "]";
  }
}
