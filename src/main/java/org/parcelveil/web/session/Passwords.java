package org.parcelveil.web.session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), with OWASP's minimum
 * cost by default. Old hashes keep verifying under their own parameters when the default changes.
 */
public final class Passwords {
  /** The password rules the console enforces: long enough to resist guessing, short enough to hash cheaply. */
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 128;
  private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getDecoder();
  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;

  private final int memoryKb;
  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public Passwords(int memoryKb, int iterations) {
    if (memoryKb < 8 || iterations < 1) {
      throw new IllegalArgumentException("Argon2 needs m >= 8 KiB and t >= 1, was m=" + memoryKb + " t=" + iterations);
    }
    this.memoryKb = memoryKb;
    this.iterations = iterations;
  }

  /** OWASP's recommended minimum for Argon2id: 19 MiB, two passes, one lane. */
  public static Passwords standard() {
    return new Passwords(19 * 1024, 2);
  }

  public String hash(char[] password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] out = derive(password, salt, memoryKb, iterations, 1, HASH_BYTES);
    return "$argon2id$v=19$m=" + memoryKb + ",t=" + iterations + ",p=1$" + B64.encodeToString(salt) + "$"
        + B64.encodeToString(out);
  }

  /** True if {@code password} matches {@code phc}; false for any malformed hash. Compares in constant time. */
  public boolean verify(char[] password, String phc) {
    if (phc == null) {
      return false;
    }
    String[] parts = phc.split("\\$");
    if (parts.length != 6 || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
      return false;
    }
    try {
      int m = 0;
      int t = 0;
      int p = 0;
      for (String kv : parts[3].split(",")) {
        String[] pair = kv.split("=", 2);
        int v = Integer.parseInt(pair[1]);
        switch (pair[0]) {
          case "m" -> m = v;
          case "t" -> t = v;
          case "p" -> p = v;
          default -> {
            return false;
          }
        }
      }
      if (m < 8 || m > 1 << 21 || t < 1 || t > 20 || p < 1 || p > 16) {
        return false;
      }
      byte[] salt = B64D.decode(parts[4]);
      byte[] expected = B64D.decode(parts[5]);
      return MessageDigest.isEqual(expected, derive(password, salt, m, t, p, expected.length));
    } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
      return false;
    }
  }

  /** True when a hash was made with weaker parameters than today's and should be replaced at the next sign-in. */
  public boolean needsRehash(String phc) {
    return phc == null || !phc.startsWith("$argon2id$v=19$m=" + memoryKb + ",t=" + iterations + ",p=1$");
  }

  private static byte[] derive(char[] password, byte[] salt, int m, int t, int p, int length) {
    Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
        .withVersion(Argon2Parameters.ARGON2_VERSION_13)
        .withMemoryAsKB(m)
        .withIterations(t)
        .withParallelism(p)
        .withSalt(salt)
        .build();
    Argon2BytesGenerator generator = new Argon2BytesGenerator();
    generator.init(params);
    byte[] out = new byte[length];
    byte[] utf8 = new String(password).getBytes(StandardCharsets.UTF_8);
    generator.generateBytes(utf8, out);
    java.util.Arrays.fill(utf8, (byte) 0);
    return out;
  }
}
