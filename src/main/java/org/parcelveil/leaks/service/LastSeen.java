package org.parcelveil.leaks.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.audit.AuditEntries;

/**
 * Each principal's last known activity at start-up, so the dormant-account detector survives restarts: its latest
 * entry in the audit log, else its creation.
 */
final class LastSeen {
  private LastSeen() {}

  static Map<String, Instant> load(DataSource dataSource, Principals principals) {
    Map<String, Instant> out = new HashMap<>();
    for (Principal p : principals.all()) {
      out.put(p.id(), p.createdAt());
    }
    new AuditEntries(dataSource).lastActivity().forEach((id, at) -> out.merge(id, at, (a, b) -> a.isAfter(b) ? a : b));
    return out;
  }
}
