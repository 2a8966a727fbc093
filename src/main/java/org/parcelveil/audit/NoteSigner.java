package org.parcelveil.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Signs C2SP signed notes with an Ed25519 key made from a 32-byte seed. Bouncy Castle's signer is used because it
 * is many times faster than the JDK's EdDSA; signatures are deterministic (RFC 8032) either way.
 */
final class NoteSigner {
  private final Ed25519PrivateKeyParameters privateKey;
  private final NoteKey key;
  private final int version;

  NoteSigner(String name, byte[] seed, int version) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
    }
    this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
    this.key = NoteKey.of(name, privateKey.generatePublicKey().getEncoded());
    this.version = version;
  }

  NoteKey key() {
    return key;
  }

  /** The key-store version of the signing secret. */
  int version() {
    return version;
  }

  /** The signed note: {@code text}, a blank line, and one signature line. */
  String sign(String text) {
    if (!text.endsWith("\n")) {
      throw new IllegalArgumentException("a note's text ends with a newline");
    }
    byte[] message = text.getBytes(StandardCharsets.UTF_8);
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, privateKey);
    signer.update(message, 0, message.length);
    byte[] signature = signer.generateSignature();
    byte[] blob = ByteBuffer.allocate(4 + signature.length).putInt(key.keyId()).put(signature).array();
    return text + "\n" + Notes.DASH + " " + key.name() + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }
}
