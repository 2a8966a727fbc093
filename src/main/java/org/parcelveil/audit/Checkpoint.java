package org.parcelveil.audit;

import java.util.Base64;
import org.parcelveil.tlog.Hashes;

/**
 * The body of a C2SP tlog-checkpoint: the log's origin, the tree size and the root hash, one per line. Signed, it
 * is the log's public commitment to every entry below that size.
 */
record Checkpoint(String origin, long size, byte[] root) {

  Checkpoint {
    if (origin.isEmpty() || origin.contains("\n")) {
      throw new IllegalArgumentException("the origin must be one non-empty line");
    }
    if (size < 0 || root.length != Hashes.SIZE) {
      throw new IllegalArgumentException("a checkpoint needs a size >= 0 and a 32-byte root");
    }
    root = root.clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  String text() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }

  /** Parses a note text (already verified) into a checkpoint; extension lines are allowed and ignored. */
  static Checkpoint parse(String text) {
    String[] lines = text.split("\n", -1);
    if (lines.length < 4 || !lines[lines.length - 1].isEmpty()) {
      throw new IllegalArgumentException("a checkpoint has an origin, a size and a root hash line");
    }
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].isEmpty()) {
        throw new IllegalArgumentException("a checkpoint line is empty");
      }
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new IllegalArgumentException("the checkpoint's tree size is not a decimal number");
    }
    byte[] root;
    try {
      root = Base64.getDecoder().decode(lines[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the checkpoint's root hash is not base64");
    }
    if (root.length != Hashes.SIZE) {
      throw new IllegalArgumentException("the checkpoint's root hash is not 32 bytes");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), root);
  }
}
