package org.parcelveil.audit;

import java.time.Instant;

/** Proof of a committed append: the entry's index in the log and its time. */
public record AuditReceipt(long index, Instant time) {}
