package org.parcelveil.shipment;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jdbi.v3.core.statement.Query;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;

/**
 * The reads behind support's look-ups across all merchants: shipments by a phone's blind indexes and by an order
 * reference, newest first by (created_at, waybill), one page at a time after a position. Every statement is served
 * by an index (phone indexes: V2; reference: V155).
 */
public final class LookupRepository {
  private final Sql sql;

  public LookupRepository(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  /** Up to {@code fetch} shipments whose sender or recipient phone has one of {@code indexes}, after the position. */
  public List<Shipment> byPhoneIndexes(List<String> indexes, @Nullable Instant afterAt, @Nullable String afterWaybill,
      int fetch) {
    if (indexes.isEmpty()) {
      return List.of();
    }
    Map<String, Shipment> found = new LinkedHashMap<>();
    // Two indexed look-ups rather than one OR, which some engines answer with a full scan; merged below.
    for (String column : List.of("sender_phone_idx", "recipient_phone_idx")) {
      found.putAll(index(read(column + " IN (<indexes>)", afterAt, afterWaybill, fetch,
          q -> q.bindList("indexes", indexes))));
    }
    List<Shipment> merged = new ArrayList<>(found.values());
    merged.sort(NEWEST_FIRST);
    return merged.size() > fetch ? merged.subList(0, fetch) : merged;
  }

  /** Up to {@code fetch} shipments of any merchant with this order reference, after the position. */
  public List<Shipment> byReference(String reference, @Nullable Instant afterAt, @Nullable String afterWaybill,
      int fetch) {
    return read("reference = :reference", afterAt, afterWaybill, fetch, q -> q.bind("reference", reference));
  }

  private static final Comparator<Shipment> NEWEST_FIRST = Comparator.comparing(Shipment::createdAt)
      .thenComparing(Shipment::waybill).reversed();

  private static Map<String, Shipment> index(List<Shipment> shipments) {
    Map<String, Shipment> m = new LinkedHashMap<>();
    shipments.forEach(s -> m.put(s.waybill(), s));
    return m;
  }

  private List<Shipment> read(String condition, @Nullable Instant afterAt, @Nullable String afterWaybill, int fetch,
      java.util.function.Consumer<Query> binder) {
    String after = afterAt == null ? "" : " AND (created_at, waybill) < (:afterAt, :afterWaybill)";
    return sql.withHandle("could not read shipments", h -> {
      Query q = h.createQuery(ShipmentRepository.SELECT + "WHERE " + condition + after
          + " ORDER BY created_at DESC, waybill DESC FETCH FIRST :limit ROWS ONLY").bind("limit", fetch);
      binder.accept(q);
      if (afterAt != null) {
        q.bind("afterAt", OffsetDateTime.ofInstant(afterAt, ZoneOffset.UTC)).bind("afterWaybill", afterWaybill);
      }
      return q.map(ShipmentRepository.SHIPMENT).list();
    });
  }
}
