package org.parcelveil.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.parcelveil.keys.KeyName;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.KeyVersion;
import org.parcelveil.keys.Secret;

/**
 * The intake key pairs, derived from the key store's {@code intake} secrets (RFC 9180 DeriveKeyPair), newest first.
 *
 * <p>The newest key is the one to seal to. Rotating ({@code keys rotate --intake}) adds a newer one; an older key
 * keeps opening blobs for {@code overlap} after its successor was created (a platform seals at order time, a shop
 * may ship days later), then refuses them. While a key is newest its {@code notAfter} is now + overlap: the least a
 * platform can count on if the key were rotated this moment. Services on other nodes take a rotation up within
 * {@link #REFRESH}.
 */
public final class IntakeKeys {
  static final Duration REFRESH = Duration.ofSeconds(10);
  private final KeyStore keys;
  private final Duration overlap;
  private final Clock clock;
  private final Map<Integer, AsymmetricCipherKeyPair> derived = new HashMap<>();
  private List<IntakeKey> current = List.of();
  private Instant loadedAt = Instant.MIN;

  public IntakeKeys(KeyStore keys, Duration overlap, Clock clock) {
    this.keys = keys;
    this.overlap = overlap;
    this.clock = clock;
  }

  /** Every key that still opens blobs, newest (the one to seal to) first. */
  public synchronized List<IntakeKey> live() {
    Instant now = clock.instant();
    if (loadedAt.plus(REFRESH).isBefore(now) || loadedAt.isAfter(now)) {
      current = load(now);
      loadedAt = now;
    }
    return current.stream().filter(k -> k.acceptsAt(now)).toList();
  }

  /** Every key ever used, retired ones included, newest first: to tell "retired" from "unknown". */
  synchronized List<IntakeKey> all() {
    live();
    return current;
  }

  private List<IntakeKey> load(Instant now) {
    Map<Integer, Instant> created = new HashMap<>();
    for (KeyVersion v : keys.versions()) {
      if (v.name().equals(KeyName.INTAKE.stored())) {
        created.put(v.version(), v.createdAt());
      }
    }
    List<Secret> secrets = new ArrayList<>(keys.secrets(KeyName.INTAKE));
    secrets.sort((a, b) -> Integer.compare(b.version(), a.version()));
    List<IntakeKey> out = new ArrayList<>();
    Instant successorCreated = null;
    for (Secret s : secrets) {
      AsymmetricCipherKeyPair pair = derived.computeIfAbsent(s.version(), v -> {
        byte[] seed = s.bytes();
        try {
          return Hpke.derive(seed);
        } finally {
          Arrays.fill(seed, (byte) 0);
        }
      });
      byte[] pk = Hpke.publicKey(pair);
      Instant createdAt = created.getOrDefault(s.version(), now);
      Instant notAfter = (successorCreated == null ? now : successorCreated).plus(overlap);
      out.add(new IntakeKey(keyId(pk), s.version(), pk, createdAt, notAfter, pair));
      successorCreated = createdAt;
    }
    return List.copyOf(out);
  }

  /** The public id of a key: 16 base64url characters of the SHA-256 of its public key. */
  static String keyId(byte[] publicKey) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("parcelveil intake key\n".getBytes(StandardCharsets.US_ASCII));
      return SealedValue.encode(Arrays.copyOf(sha.digest(publicKey), 12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
