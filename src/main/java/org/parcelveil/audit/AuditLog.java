package org.parcelveil.audit;

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
}
