package org.parcelveil.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.parcelveil.tlog.Hashes;

/**
 * A C2SP signed-note Ed25519 verifier key: a name, a key id and a public key, written {@code
 * <name>+<hex key id>+<base64(0x01 || public key)>}. The key id is the first four bytes of SHA-256(name || 0x0A ||
 * 0x01 || public key).
 */
record NoteKey(String name, int keyId, byte[] publicKey) {
  static final byte ED25519 = 0x01;

  NoteKey {
    checkName(name);
    if (publicKey.length != 32) {
      throw new IllegalArgumentException("an Ed25519 public key has 32 bytes");
    }
    publicKey = publicKey.clone();
  }

  static NoteKey of(String name, byte[] publicKey) {
    checkName(name);
    return new NoteKey(name, keyId(name, publicKey), publicKey);
  }

  /** Parses a vkey; fails unless the key id matches the name and key. */
  static NoteKey parse(String vkey) {
    String[] parts = vkey.strip().split("\\+", 3);
    if (parts.length != 3 || parts[1].length() != 8) {
      throw new IllegalArgumentException("a verifier key reads <name>+<8 hex digits>+<base64 key>");
    }
    byte[] typed;
    int id;
    try {
      id = (int) Long.parseLong(parts[1], 16);
      typed = Base64.getDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the verifier key's id or key is not well-formed");
    }
    if (typed.length != 33 || typed[0] != ED25519) {
      throw new IllegalArgumentException("the verifier key is not an Ed25519 key");
    }
    NoteKey key = of(parts[0], Arrays.copyOfRange(typed, 1, 33));
    if (key.keyId != id || !HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt(id).array()).equals(parts[1])) {
      throw new IllegalArgumentException("the verifier key's id does not match its name and key");
    }
    return key;
  }

  @Override
  public byte[] publicKey() {
    return publicKey.clone();
  }

  String vkey() {
    byte[] typed = new byte[33];
    typed[0] = ED25519;
    System.arraycopy(publicKey, 0, typed, 1, 32);
    return name + "+" + HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt(keyId).array()) + "+"
        + Base64.getEncoder().encodeToString(typed);
  }

  static int keyId(String name, byte[] publicKey) {
    byte[] n = name.getBytes(StandardCharsets.UTF_8);
    byte[] input = ByteBuffer.allocate(n.length + 2 + publicKey.length)
        .put(n).put((byte) 0x0A).put(ED25519).put(publicKey).array();
    return ByteBuffer.wrap(Hashes.sha256(input)).getInt();
  }

  static void checkName(String name) {
    if (name.isEmpty() || name.codePoints().anyMatch(cp -> cp == '+' || Character.isWhitespace(cp)
        || Character.isSpaceChar(cp) || Character.isISOControl(cp))) {
      throw new IllegalArgumentException("a key name must be non-empty, without spaces or '+'");
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteKey k && k.name.equals(name) && k.keyId == keyId && Arrays.equals(k.publicKey, publicKey);
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
