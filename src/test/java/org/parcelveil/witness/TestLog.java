package org.parcelveil.witness;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A log for tests: an RFC 6962 tree over numbered leaves, its consistency proofs (RFC 6962, 2.1.2, written from the
 * RFC's definition and independent of the audit package) and checkpoints signed as C2SP notes with a plain Ed25519
 * key, as the service signs them.
 */
public final class TestLog {
  private final String origin;
  private final Ed25519PrivateKeyParameters key;
  private final VerifierKey verifierKey;
  private final List<byte[]> leaves = new ArrayList<>();
  private final Map<Long, byte[]> perfect = new HashMap<>();

  public TestLog(String origin, byte seedByte) {
    this.origin = origin;
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, seedByte);
    this.key = new Ed25519PrivateKeyParameters(seed, 0);
    this.verifierKey = VerifierKey.of(origin, VerifierKey.ED25519, key.generatePublicKey().getEncoded());
  }

  public VerifierKey verifierKey() {
    return verifierKey;
  }

  public String origin() {
    return origin;
  }

  public long size() {
    return leaves.size();
  }

  /** Appends {@code n} leaves whose contents are {@code prefix} and their index. */
  public TestLog grow(int n, String prefix) {
    for (int i = 0; i < n; i++) {
      leaves.add(leafHash((prefix + leaves.size()).getBytes(StandardCharsets.UTF_8)));
    }
    return this;
  }

  /** The signed checkpoint of the first {@code size} leaves. */
  public String checkpoint(long size) {
    String text = origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root(size)) + "\n";
    return sign(text);
  }

  public String checkpoint() {
    return checkpoint(size());
  }

  /** A note over {@code text} signed with this log's key. */
  public String sign(String text) {
    byte[] signature = Ed25519.sign(key, text.getBytes(StandardCharsets.UTF_8));
    byte[] blob = ByteBuffer.allocate(68).putInt(verifierKey.keyId()).put(signature).array();
    return text + "\n\u2014 " + origin + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  public byte[] root(long size) {
    return size == 0 ? VerifierKey.sha256(new byte[0]) : hash(0, size);
  }

  /** PROOF(m, D[n]) of RFC 6962, 2.1.2. */
  public List<byte[]> consistency(long m, long n) {
    List<byte[]> proof = new ArrayList<>();
    if (m > 0 && m < n) {
      subproof(m, 0, n, true, proof);
    }
    return proof;
  }

  private void subproof(long m, long start, long n, boolean complete, List<byte[]> out) {
    if (m == n) {
      if (!complete) {
        out.add(hash(start, n));
      }
      return;
    }
    long k = Long.highestOneBit(n - 1);
    if (m <= k) {
      subproof(m, start, k, complete, out);
      out.add(hash(start + k, n - k));
    } else {
      subproof(m - k, start + k, n - k, false, out);
      out.add(hash(start, k));
    }
  }

  /** MTH of the {@code n} leaves from {@code start}; complete aligned subtrees are kept, so a proof costs O(log² n). */
  private byte[] hash(long start, long n) {
    if (n == 1) {
      return leaves.get((int) start);
    }
    boolean cacheable = Long.bitCount(n) == 1;
    Long id = cacheable ? (start << 6) | Long.numberOfTrailingZeros(n) : null;
    if (cacheable && perfect.containsKey(id)) {
      return perfect.get(id);
    }
    long k = Long.highestOneBit(n - 1);
    byte[] h = node(hash(start, k), hash(start + k, n - k));
    if (cacheable) {
      perfect.put(id, h);
    }
    return h;
  }

  static byte[] leafHash(byte[] data) {
    return digest((byte) 0x00, data, new byte[0]);
  }

  static byte[] node(byte[] left, byte[] right) {
    return digest((byte) 0x01, left, right);
  }

  private static byte[] digest(byte prefix, byte[] a, byte[] b) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(prefix);
      md.update(a);
      md.update(b);
      return md.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
