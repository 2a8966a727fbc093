package org.parcelveil.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.parcelveil.tlog.MerkleProofs;

/**
 * Verifies a downloaded disclosure history offline, with nothing but the log's published verifier keys: the
 * checkpoint's signature, then each entry's inclusion proof against the checkpoint's root. It reads no database.
 */
public final class HistoryVerifier {
  private final List<NoteKey> logKeys;
  private final Cosignatures cosignatures;

  /**
   * @param logVkeys the log's verifier keys ({@code GET /v1/audit/key?all=true}), obtained out of band
   * @param cosignatures what the checkpoint must carry besides the log's signature
   * @throws IllegalArgumentException if a key is malformed
   */
  public HistoryVerifier(Collection<String> logVkeys, Cosignatures cosignatures) {
    this.logKeys = logVkeys.stream().map(NoteKey::parse).toList();
    this.cosignatures = cosignatures;
  }

  /**
   * The check a checkpoint must pass beyond the log's own signature: the extension point for witnesses'
   * {@code cosignature/v1} lines (a quorum of pinned witness keys). {@link #NONE} asks for nothing more.
   */
  @FunctionalInterface
  public interface Cosignatures {
    Cosignatures NONE = note -> null;

    /** Why the signed note fails the check, or null if it passes. */
    @Nullable String problem(String signedNote);
  }

  /** One entry as downloaded: its log index, its leaf hash and its inclusion proof, hex, bottom-up. */
  public record Claim(long index, String leafHash, @Nullable List<String> proof) {}

  /** The outcome: verified only if the checkpoint and every entry verify; {@code problems} names what failed. */
  public record Result(long checkpointSize, int verified, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public Result verify(String signedCheckpoint, List<Claim> claims) {
    if (logKeys.isEmpty()) {
      return new Result(-1, 0, List.of("no verifier key given"));
    }
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.parse(Notes.open(signedCheckpoint, logKeys));
    } catch (Notes.NoteException | IllegalArgumentException e) {
      return new Result(-1, 0, List.of("the checkpoint does not verify: " + e.getMessage()));
    }
    String cosigned = cosignatures.problem(signedCheckpoint);
    if (cosigned != null) {
      return new Result(checkpoint.size(), 0, List.of("the checkpoint's cosignatures do not verify: " + cosigned));
    }
    List<String> problems = new ArrayList<>();
    int verified = 0;
    for (Claim c : claims) {
      String problem = problem(c, checkpoint);
      if (problem == null) {
        verified++;
      } else {
        problems.add("entry " + c.index() + ": " + problem);
      }
    }
    return new Result(checkpoint.size(), verified, List.copyOf(problems));
  }

  private static @Nullable String problem(Claim c, Checkpoint checkpoint) {
    if (c.index() >= checkpoint.size() || c.proof() == null) {
      return "not yet covered by the checkpoint (size " + checkpoint.size() + "); download the history again later";
    }
    byte[] leaf;
    List<byte[]> proof;
    try {
      leaf = HexFormat.of().parseHex(c.leafHash());
      proof = c.proof().stream().map(HexFormat.of()::parseHex).toList();
    } catch (IllegalArgumentException | NullPointerException e) {
      return "the leaf hash or a proof hash is not hex";
    }
    return MerkleProofs.verifyInclusion(c.index(), checkpoint.size(), leaf, proof, checkpoint.root()) ? null
        : "the inclusion proof does not lead to the checkpoint's root";
  }
}
