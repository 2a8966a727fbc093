package org.parcelveil.audit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AuditVerifier} found: whether the log verified, how big it is, its recomputed root, the latest
 * checkpoint that verified, the first bad entry if one can be named, and a message per finding.
 *
 * @param treeSize the number of consecutive entries read from index 0
 * @param rootHash hex of the Merkle root recomputed from those entries
 * @param checkpointSize the size of the newest checkpoint whose signature and root verified, or -1
 * @param firstBadIndex the first entry that is missing, altered or out of place, when the evidence names it
 */
public record AuditReport(Status status, long treeSize, String rootHash, long checkpointSize,
    @Nullable Long firstBadIndex, List<String> messages) {

  public AuditReport {
    messages = List.copyOf(messages);
  }

  /** The outcome of a verification. */
  public enum Status {
    /** Every check passed. */
    VERIFIED,
    /** The log contradicts its own checkpoints, the trusted checkpoint, or its signatures: it was changed. */
    FAILED,
    /** The verification could not be done (unreadable database, bad key or trusted checkpoint). */
    ERROR
  }

  public boolean ok() {
    return status == Status.VERIFIED;
  }

  /** The command-line exit code: 0 verified, 1 tampering or inconsistency found, 2 could not verify. */
  public int exitCode() {
    return switch (status) {
      case VERIFIED -> 0;
      case FAILED -> 1;
      case ERROR -> 2;
    };
  }

  static AuditReport error(String message) {
    return new AuditReport(Status.ERROR, 0, "", -1, null, List.of(message));
  }
}
