package org.parcelveil.witness;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The body of a tlog-witness {@code add-checkpoint} request: {@code old <size>}, up to 63 base64 consistency-proof
 * hashes, one per line, a blank line, then the signed checkpoint note.
 */
public record AddCheckpointRequest(long oldSize, List<byte[]> proof, String note) {
  static final int MAX_PROOF_LINES = 63;

  public AddCheckpointRequest {
    if (oldSize < 0) {
      throw new IllegalArgumentException("the old size is negative");
    }
    if (proof.size() > MAX_PROOF_LINES || proof.stream().anyMatch(h -> h.length != Checkpoint.HASH_SIZE)) {
      throw new IllegalArgumentException("a consistency proof has at most 63 hashes of 32 bytes");
    }
    proof = proof.stream().map(byte[]::clone).toList();
  }

  @Override
  public List<byte[]> proof() {
    return proof.stream().map(byte[]::clone).toList();
  }

  /** The request body. */
  public String body() {
    StringBuilder out = new StringBuilder("old ").append(oldSize).append('\n');
    proof.forEach(h -> out.append(Base64.getEncoder().encodeToString(h)).append('\n'));
    return out.append('\n').append(note).toString();
  }

  /** Parses a request body; fails with the reason if it is malformed. */
  public static AddCheckpointRequest parse(String body) {
    int end = body.indexOf('\n');
    if (end < 0 || !body.startsWith("old ")) {
      throw new IllegalArgumentException("the body starts with a line \"old <size>\"");
    }
    String size = body.substring(4, end);
    if (!size.matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException("the old size is not a decimal number without leading zeroes");
    }
    long oldSize = Long.parseLong(size);
    List<byte[]> proof = new ArrayList<>();
    int at = end + 1;
    while (true) {
      int next = body.indexOf('\n', at);
      if (next < 0) {
        throw new IllegalArgumentException("the proof is not followed by a blank line and a checkpoint");
      }
      if (next == at) {
        at = next + 1;
        break;
      }
      if (proof.size() == MAX_PROOF_LINES) {
        throw new IllegalArgumentException("a consistency proof has at most 63 lines");
      }
      byte[] hash;
      try {
        hash = Base64.getDecoder().decode(body.substring(at, next));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a proof line is not base64");
      }
      if (hash.length != Checkpoint.HASH_SIZE) {
        throw new IllegalArgumentException("a proof line is not a 32-byte hash");
      }
      proof.add(hash);
      at = next + 1;
    }
    return new AddCheckpointRequest(oldSize, proof, body.substring(at));
  }
}
