package org.parcelveil.witness;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parcelveil.tlog.MerkleProofs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A C2SP tlog-witness: cosigns a log's checkpoint only if the log signed it and a consistency proof shows that it
 * extends the last checkpoint this witness cosigned for that log. The new checkpoint is on disk before the
 * cosignature is made, and the check and the write happen under one lock per log, so the witness never cosigns two
 * checkpoints that contradict each other, even across a crash.
 */
public final class Witness implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Witness.class);
  private static final byte[] EMPTY_ROOT = VerifierKey.sha256(new byte[0]);
  static final String TEXT = "text/plain; charset=utf-8";
  static final String SIZE = "text/x.tlog.size";

  private final WitnessKey key;
  private final WitnessState state;
  private final Clock clock;
  private final Map<String, Log> logs = new LinkedHashMap<>();

  /** What the witness answers: an HTTP status, a content type and a body. */
  public record Answer(int status, String contentType, String body) {
    static Answer text(int status, String message) {
      return new Answer(status, TEXT, message + "\n");
    }
  }

  /** One log: the keys trusted for its origin and what was last cosigned (guarded by the instance's lock). */
  private static final class Log {
    final List<VerifierKey> keys;
    Checkpoint cosigned;
    String cosignedNote;

    Log(List<VerifierKey> keys) {
      this.keys = keys;
    }
  }

  /**
   * A witness with {@code key} for the logs whose verifier keys are {@code logKeys} (a log is named by its key's name,
   * which is its checkpoints' origin; several keys for one origin are that log's rotated keys), keeping its state in
   * {@code dataDir}.
   */
  public Witness(WitnessKey key, Collection<VerifierKey> logKeys, Path dataDir, Clock clock) {
    if (logKeys.isEmpty()) {
      throw new IllegalArgumentException("a witness needs at least one log's verifier key");
    }
    this.key = key;
    this.clock = clock;
    Map<String, List<VerifierKey>> byOrigin = new LinkedHashMap<>();
    for (VerifierKey k : logKeys) {
      if (k.type() != VerifierKey.ED25519) {
        throw new IllegalArgumentException("a log's verifier key must be an Ed25519 note key (type 0x01): " + k.name());
      }
      byOrigin.computeIfAbsent(k.name(), n -> new java.util.ArrayList<>()).add(k);
    }
    this.state = WitnessState.open(dataDir);
    try {
      byOrigin.forEach((origin, keys) -> {
        Log log = new Log(List.copyOf(keys));
        state.load(origin).ifPresent(note -> {
          Checkpoint stored = Checkpoint.parse(SignedNote.parse(note).text());
          if (!stored.origin().equals(origin)) {
            throw new IllegalStateException("the witness state for " + origin + " holds another log's checkpoint");
          }
          log.cosigned = stored;
          log.cosignedNote = note;
        });
        logs.put(origin, log);
      });
    } catch (RuntimeException e) {
      state.close();
      throw e;
    }
  }

  public VerifierKey verifierKey() {
    return key.verifierKey();
  }

  /** The size of the checkpoint last cosigned for {@code origin}, or -1 if none (or no such log). */
  public long cosignedSize(String origin) {
    Log log = logs.get(origin);
    if (log == null) {
      return -1;
    }
    synchronized (log) {
      return log.cosigned == null ? -1 : log.cosigned.size();
    }
  }

  /** Handles an {@code add-checkpoint} request body as the tlog-witness spec says. */
  public Answer addCheckpoint(String body) {
    AddCheckpointRequest request;
    SignedNote note;
    Checkpoint checkpoint;
    try {
      request = AddCheckpointRequest.parse(body);
      note = SignedNote.parse(request.note());
      checkpoint = Checkpoint.parse(note.text());
    } catch (IllegalArgumentException e) {
      return Answer.text(400, e.getMessage());
    }
    Log log = logs.get(checkpoint.origin());
    if (log == null) {
      return Answer.text(404, "this witness does not know that log");
    }
    if (!note.signedByAny(log.keys)) {
      return Answer.text(403, "the checkpoint is not signed by a key this witness trusts for the log");
    }
    if (request.oldSize() > checkpoint.size()) {
      return Answer.text(400, "the old size is larger than the checkpoint's size");
    }
    synchronized (log) {
      Answer refused = check(log, request, checkpoint);
      if (refused != null) {
        return refused;
      }
      if (!request.note().equals(log.cosignedNote)) {
        state.save(checkpoint.origin(), request.note());
        log.cosigned = checkpoint;
        log.cosignedNote = request.note();
      }
    }
    Cosignature cosignature = key.cosign(checkpoint.text(), clock.instant().getEpochSecond());
    return new Answer(200, TEXT, cosignature.line().text());
  }

  /** Why the checkpoint may not be cosigned, or null if it may (the caller holds the log's lock). */
  private Answer check(Log log, AddCheckpointRequest request, Checkpoint checkpoint) {
    long stored = log.cosigned == null ? 0 : log.cosigned.size();
    if (request.oldSize() != stored) {
      return new Answer(409, SIZE, stored + "\n");
    }
    List<byte[]> proof = request.proof();
    if (request.oldSize() == checkpoint.size()) {
      byte[] expected = log.cosigned == null ? EMPTY_ROOT : log.cosigned.root();
      if (!MessageDigest.isEqual(expected, checkpoint.root())) {
        if (log.cosigned == null) {
          return Answer.text(422, "an empty tree has the root SHA-256 of nothing");
        }
        LOG.warn("ALARM: log {} signed a second checkpoint of size {} with another root (kept as evidence)",
            checkpoint.origin(), checkpoint.size());
        state.keepEvidence(checkpoint.origin(), checkpoint.size(), request.note());
        return Answer.text(409, "this witness cosigned another root for that size");
      }
      return proof.isEmpty() ? null : Answer.text(422, "the consistency proof between equal sizes is empty");
    }
    if (request.oldSize() == 0) {
      return proof.isEmpty() ? null : Answer.text(422, "the consistency proof from size 0 is empty");
    }
    if (!MerkleProofs.verifyConsistency(request.oldSize(), checkpoint.size(), proof, log.cosigned.root(),
        checkpoint.root())) {
      LOG.warn("refused: a checkpoint of log {} of size {} whose consistency proof from size {} fails (kept)",
          checkpoint.origin(), checkpoint.size(), request.oldSize());
      state.keepEvidence(checkpoint.origin(), checkpoint.size(), request.note());
      return Answer.text(422, "the consistency proof does not verify");
    }
    return null;
  }

  @Override
  public void close() {
    state.close();
  }
}
