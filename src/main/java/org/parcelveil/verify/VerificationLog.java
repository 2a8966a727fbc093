package org.parcelveil.verify;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.Sql;

/**
 * Records every verification: platform, waybill (only if well formed), order id, verdict, the checks that did not
 * pass, and the time. Nothing personal: the buyer's phone is never stored, not even as a blind index.
 */
final class VerificationLog {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Sql sql;

  VerificationLog(DataSource dataSource) {
    this.sql = Sql.over(dataSource);
  }

  void record(String platformId, @Nullable String waybill, String orderId, Verification v, Instant at) {
    String flags = v.checks().stream().filter(c -> c.outcome() != Outcome.PASS)
        .map(c -> c.name() + ":" + c.outcome().name())
        .collect(Collectors.joining(","));
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    sql.useHandle("could not record the verification", h -> h.createUpdate("INSERT INTO verification_requests "
            + "(id, platform_id, waybill, order_id, verdict, flags, created_at) "
            + "VALUES (:id, :platformId, :waybill, :orderId, :verdict, :flags, :at)")
        .bind("id", HexFormat.of().formatHex(id)).bind("platformId", platformId).bind("waybill", waybill)
        .bind("orderId", orderId).bind("verdict", v.verdict().name())
        .bind("flags", flags.length() > 200 ? flags.substring(0, 200) : flags).bind("at", at)
        .execute());
  }
}
