package org.parcelveil.audit;

import java.time.Instant;
import java.util.Objects;
import org.parcelveil.tlog.Hashes;

/**
 * One entry of the log as stored: the caller's record plus what the log adds (its index, its time to the
 * microsecond, and a random nonce so that a published leaf hash cannot be matched against guessed contents).
 */
record AuditEntry(long index, Instant time, byte[] nonce, AuditRecord record) {
  static final int NONCE_BYTES = 16;

  AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(record, "record");
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative, was " + index);
    }
    if (nonce.length != NONCE_BYTES) {
      throw new IllegalArgumentException("the nonce must be " + NONCE_BYTES + " bytes");
    }
    nonce = nonce.clone();
  }

  @Override
  public byte[] nonce() {
    return nonce.clone();
  }

  long timeMicros() {
    return EntryCodec.micros(time);
  }

  /** The entry's canonical bytes: the Merkle leaf. */
  byte[] canonical() {
    return EntryCodec.encode(this);
  }

  byte[] leafHash() {
    return Hashes.leaf(canonical());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuditEntry e && e.index == index && e.time.equals(time)
        && java.util.Arrays.equals(e.nonce, nonce) && e.record.equals(record);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(index);
  }

  @Override
  public String toString() {
    return "AuditEntry[" + index + " " + record.action() + " " + record.outcome().wireName() + "]";
  }
}
