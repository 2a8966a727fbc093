package org.parcelveil.witness;

import java.util.Base64;

/**
 * The body of a C2SP tlog-checkpoint: origin, tree size and root hash, then any extension lines. {@code text} is the
 * body exactly as signed, which is what a cosignature covers.
 */
public record Checkpoint(String origin, long size, byte[] root, String text) {
  static final int HASH_SIZE = 32;

  public Checkpoint {
    root = root.clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  /** Parses a note text; extension lines are kept in {@code text} and otherwise ignored. */
  public static Checkpoint parse(String text) {
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
    if (root.length != HASH_SIZE) {
      throw new IllegalArgumentException("the checkpoint's root hash is not 32 bytes");
    }
    return new Checkpoint(lines[0], Long.parseLong(lines[1]), root, text);
  }
}
