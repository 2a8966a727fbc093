package org.parcelveil.leaks.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** An alert as the API and the webhook show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertView(String id, String severity, String kind, @Nullable String principalId,
    @Nullable String waybill, String detail, String at, @Nullable String suspendedAt,
    @Nullable String acknowledgedAt, String state) {

  public static AlertView of(Alert a) {
    return new AlertView(a.id(), a.severity().wireName(), a.kind(), a.principalId(), a.waybill(), a.detail(),
        a.at().toString(), a.suspendedAt() == null ? null : a.suspendedAt().toString(),
        a.acknowledgedAt() == null ? null : a.acknowledgedAt().toString(), a.state().wireName());
  }

  Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", id);
    m.put("severity", severity);
    m.put("kind", kind);
    m.put("principalId", principalId);
    m.put("waybill", waybill);
    m.put("detail", detail);
    m.put("at", at);
    return m;
  }
}
