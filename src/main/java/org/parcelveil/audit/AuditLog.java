package org.parcelveil.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The append side of the tamper-evident log, for the rest of the service. An append returns only once its entry is
 * committed; if it throws, the caller must fail closed (no entry, no disclosure).
 */
public interface AuditLog {

  /**
   * Appends durably and returns the entry's index and time.
   *
   * @throws AuditUnavailableException if the entry could not be committed
   */
  AuditReceipt append(AuditRecord record);

  /**
   * Appends every record, in order, and returns once all are committed: for a caller with many entries at once
   * (an attribution run logs each record it matched), which a log may commit in few transactions.
   *
   * @throws AuditUnavailableException if any entry could not be committed (earlier ones may have been)
   */
  default List<AuditReceipt> appendAll(List<AuditRecord> records) {
    List<AuditReceipt> out = new ArrayList<>(records.size());
    for (AuditRecord r : records) {
      out.add(append(r));
    }
    return out;
  }

  /**
   * Appends {@code record} if {@code condition} holds, else {@code otherwise}. The condition runs inside the
   * transaction that appends the entry, so what it writes (a spent budget) commits if and only if the entry does.
   *
   * @throws AuditUnavailableException if no entry could be committed
   */
  Conditional appendIf(AuditRecord record, Condition condition, AuditRecord otherwise);

  /** A check, with its writes, that must commit together with an entry. */
  @FunctionalInterface
  interface Condition {
    /** Decides on the log's connection, in its open transaction; must neither commit nor roll back. */
    boolean holds(Connection c) throws SQLException;
  }

  /** Which of the two records was appended, and its receipt. */
  record Conditional(AuditReceipt receipt, boolean held) {}
}
