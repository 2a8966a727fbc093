package org.parcelveil.witness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A C2SP tlog-cosignature {@code cosignature/v1}: a witness's Ed25519 signature, at a time, over
 * {@code "cosignature/v1\ntime <seconds>\n"} followed by the checkpoint body. As a note signature line it reads
 * {@code — <witness name> base64(key id || timestamp (8 bytes, big-endian) || signature (64 bytes))}.
 */
public record Cosignature(String name, int keyId, long timestamp, byte[] signature) {

  public Cosignature {
    if (timestamp < 0) {
      throw new IllegalArgumentException("a cosignature's timestamp is a POSIX time, at most 2^63 - 1");
    }
    if (signature.length != 64) {
      throw new IllegalArgumentException("an Ed25519 signature has 64 bytes");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The message the witness signs for {@code checkpointText} at {@code timestamp}. */
  public static byte[] message(long timestamp, String checkpointText) {
    return ("cosignature/v1\ntime " + timestamp + "\n" + checkpointText).getBytes(StandardCharsets.UTF_8);
  }

  /** Reads a note signature line as a cosignature; fails unless its bytes have the cosignature/v1 length. */
  public static Cosignature from(SignedNote.Line line) {
    byte[] blob = line.signature();
    if (blob.length != 8 + 64) {
      throw new IllegalArgumentException("a cosignature/v1 holds an 8-byte time and a 64-byte signature");
    }
    return new Cosignature(line.name(), line.keyId(), ByteBuffer.wrap(blob).getLong(), Arrays.copyOfRange(blob, 8, 72));
  }

  /** True if {@code key} (a cosignature/v1 key) made this cosignature over {@code checkpointText}. */
  public boolean verify(VerifierKey key, String checkpointText) {
    return key.type() == VerifierKey.COSIGNATURE_V1 && key.name().equals(name) && key.keyId() == keyId
        && key.verify(message(timestamp, checkpointText), signature);
  }

  public SignedNote.Line line() {
    return new SignedNote.Line(name, keyId, ByteBuffer.allocate(72).putLong(timestamp).put(signature).array());
  }
}
