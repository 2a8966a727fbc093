package org.parcelveil.witness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.parcelveil.store.PrivateFiles;

/**
 * A witness's signing key: a name and an Ed25519 seed. On disk it is a signed-note private key line,
 * {@code PRIVATE+KEY+<name>+<hex key id>+<base64(0x04 || seed)>}, in a file only its owner may read.
 */
public final class WitnessKey {
  private static final String PREFIX = "PRIVATE+KEY+";

  private final Ed25519PrivateKeyParameters privateKey;
  private final VerifierKey verifierKey;
  private final byte[] seed;

  WitnessKey(String name, byte[] seed) {
    if (seed.length != 32) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
    }
    this.seed = seed.clone();
    this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
    this.verifierKey = VerifierKey.of(name, VerifierKey.COSIGNATURE_V1, privateKey.generatePublicKey().getEncoded());
  }

  /** A new random key named {@code name}. */
  public static WitnessKey generate(String name) {
    byte[] seed = new byte[32];
    new SecureRandom().nextBytes(seed);
    return new WitnessKey(name, seed);
  }

  /**
   * The key in {@code file}; if there is no such file, a new key named {@code name} written to it (mode 0600). Either
   * way {@code file.vkey} then holds the verifier key. A {@code name} that differs from an existing key's is refused:
   * the name is part of the key's identity.
   */
  public static WitnessKey loadOrCreate(Path file, String name) {
    try {
      WitnessKey key;
      if (Files.exists(file)) {
        key = parse(Files.readString(file, StandardCharsets.UTF_8));
        if (name != null && !name.equals(key.name())) {
          throw new IllegalArgumentException("the key in " + file + " is named " + key.name() + ", not " + name);
        }
      } else {
        if (name == null) {
          throw new IllegalArgumentException("a new witness key needs a name");
        }
        key = generate(name);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        PrivateFiles.write(file, key.privateText().getBytes(StandardCharsets.UTF_8));
      }
      Path vkey = file.resolveSibling(file.getFileName() + ".vkey");
      Files.writeString(vkey, key.verifierKey().vkey() + "\n", StandardCharsets.UTF_8);
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the witness key " + file, e);
    }
  }

  static WitnessKey parse(String text) {
    String[] parts = text.strip().split("\\+", 5);
    if (parts.length != 5 || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a witness key file holds one line PRIVATE+KEY+<name>+<id>+<base64 key>");
    }
    byte[] typed;
    try {
      typed = Base64.getDecoder().decode(parts[4]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the witness key is not base64");
    }
    if (typed.length != 33 || typed[0] != VerifierKey.COSIGNATURE_V1) {
      throw new IllegalArgumentException("the witness key is not a cosignature/v1 Ed25519 key");
    }
    WitnessKey key = new WitnessKey(parts[2], Arrays.copyOfRange(typed, 1, 33));
    if (!parts[3].equals(HexFormat.of().formatHex(ByteBuffer.allocate(4).putInt(key.verifierKey.keyId()).array()))) {
      throw new IllegalArgumentException("the witness key's id does not match its name and key");
    }
    return key;
  }

  private String privateText() {
    byte[] typed = new byte[33];
    typed[0] = VerifierKey.COSIGNATURE_V1;
    System.arraycopy(seed, 0, typed, 1, 32);
    return PREFIX + verifierKey.name() + "+" + HexFormat.of().formatHex(ByteBuffer.allocate(4)
        .putInt(verifierKey.keyId()).array()) + "+" + Base64.getEncoder().encodeToString(typed) + "\n";
  }

  public String name() {
    return verifierKey.name();
  }

  /** The public half, to publish: type 0x04 (cosignature/v1). */
  public VerifierKey verifierKey() {
    return verifierKey;
  }

  /** The cosignature/v1 of {@code checkpointText} at {@code timestamp} (POSIX seconds). */
  public Cosignature cosign(String checkpointText, long timestamp) {
    byte[] signature = Ed25519.sign(privateKey, Cosignature.message(timestamp, checkpointText));
    return new Cosignature(name(), verifierKey.keyId(), timestamp, signature);
  }

  @Override
  public String toString() {
    return "WitnessKey[" + verifierKey.vkey() + ", private key redacted]";
  }
}
