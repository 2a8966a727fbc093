package org.parcelveil.leaks.alert;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An alert a detector wants to raise, before it gets an id. {@code key} groups repeats of the same finding (the
 * engine raises one alert per key per cool-down), e.g. {@code refusal_burst|pr_1}.
 */
public record AlertDraft(Severity severity, String kind, @Nullable String principalId, @Nullable String waybill,
    String detail, Instant at, String key) {

  /** A draft keyed by its kind and principal, the usual grouping. */
  public static AlertDraft of(Severity severity, String kind, @Nullable String principalId, @Nullable String waybill,
      String detail, Instant at) {
    return new AlertDraft(severity, kind, principalId, waybill, detail, at, kind + "|" + principalId);
  }
}
