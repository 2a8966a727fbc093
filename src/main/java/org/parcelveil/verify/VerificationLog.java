package org.parcelveil.verify;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.parcelveil.store.StoreException;

/**
 * Records every verification: platform, waybill (only if well formed), order id, verdict, the checks that did not
 * pass, and the time. Nothing personal: the buyer's phone is never stored, not even as a blind index.
 */
final class VerificationLog {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final DataSource dataSource;

  VerificationLog(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  void record(String platformId, @Nullable String waybill, String orderId, Verification v, Instant at) {
    String flags = v.checks().stream().filter(c -> c.outcome() != Outcome.PASS)
        .map(c -> c.name() + ":" + c.outcome().name())
        .collect(Collectors.joining(","));
    byte[] id = new byte[16];
    RANDOM.nextBytes(id);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("INSERT INTO verification_requests "
            + "(id, platform_id, waybill, order_id, verdict, flags, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, HexFormat.of().formatHex(id));
      ps.setString(2, platformId);
      ps.setString(3, waybill);
      ps.setString(4, orderId);
      ps.setString(5, v.verdict().name());
      ps.setString(6, flags.length() > 200 ? flags.substring(0, 200) : flags);
      ps.setTimestamp(7, Timestamp.from(at));
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("could not record the verification", e);
    }
  }
}
