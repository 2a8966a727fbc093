package org.parcelveil.witness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A C2SP signed-note verifier key ("vkey"): {@code <name>+<8 hex digits of key id>+<base64(type || public key)>}.
 * Two Ed25519 types matter here: {@link #ED25519} (0x01), the log's plain note signatures, and
 * {@link #COSIGNATURE_V1} (0x04), a witness's timestamped cosignatures. The key id is the first four bytes of
 * SHA-256(name || 0x0A || type || public key), so the same public key has a different id in each role.
 */
public record VerifierKey(String name, int keyId, byte type, byte[] publicKey) {
  public static final byte ED25519 = 0x01;
  public static final byte COSIGNATURE_V1 = 0x04;

  public VerifierKey {
    checkName(name);
    if (type != ED25519 && type != COSIGNATURE_V1) {
      throw new IllegalArgumentException("the verifier key type must be 0x01 (Ed25519) or 0x04 (cosignature/v1)");
    }
    if (publicKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    publicKey = publicKey.clone();
    if (keyId != keyId(name, type, publicKey)) {
      throw new IllegalArgumentException("the verifier key's id does not match its name and key");
    }
  }

  /** The key of {@code type} named {@code name}, its id computed. */
  public static VerifierKey of(String name, byte type, byte[] publicKey) {
    checkName(name);
    return new VerifierKey(name, keyId(name, type, publicKey), type, publicKey);
  }

  /** Parses a vkey; fails, saying why, unless it is a well-formed Ed25519 or cosignature/v1 key. */
  public static VerifierKey parse(String vkey) {
    String[] parts = vkey.strip().split("\\+", 3);
    if (parts.length != 3 || !parts[1].matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("a verifier key reads <name>+<8 lower-case hex digits>+<base64 key>");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the verifier key's key is not base64");
    }
    if (typed.length != 33) {
      throw new IllegalArgumentException("the verifier key is not an Ed25519 key (type byte and 32 bytes)");
    }
    return new VerifierKey(parts[0], (int) Long.parseLong(parts[1], 16), typed[0], Arrays.copyOfRange(typed, 1, 33));
  }

  /** Parses a vkey and requires its type. */
  public static VerifierKey parse(String vkey, byte type) {
    VerifierKey key = parse(vkey);
    if (key.type != type) {
      throw new IllegalArgumentException(type == ED25519
          ? "expected a log's Ed25519 verifier key (type 0x01)"
          : "expected a witness's cosignature/v1 verifier key (type 0x04)");
    }
    return key;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** The vkey text. */
  public String vkey() {
    byte[] typed = new byte[33];
    typed[0] = type;
    System.arraycopy(publicKey, 0, typed, 1, 32);
    return name + "+" + HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt(keyId).array()) + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  boolean verify(byte[] message, byte[] signature) {
    return Ed25519.verify(publicKey, message, signature);
  }

  static int keyId(String name, byte type, byte[] publicKey) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] input = ByteBuffer.allocate(n.length + 2 + publicKey.length)
        .put(n).put((byte) 0x0A).put(type).put(publicKey).array();
    return ByteBuffer.wrap(sha256(input)).getInt();
  }

  static void checkName(String name) {
    if (name.isEmpty() || name.codePoints().anyMatch(cp -> cp == '+' || Character.isWhitespace(cp)
        || Character.isSpaceChar(cp) || Character.isISOControl(cp))) {
      throw new IllegalArgumentException("a key name must be non-empty, without spaces or '+'");
    }
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerifierKey k && k.name.equals(name) && k.keyId == keyId && k.type == type
        && Arrays.equals(k.publicKey, publicKey);
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + keyId;
  }

  @Override
  public String toString() {
    return vkey();
  }
}
