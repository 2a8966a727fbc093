package org.parcelveil.tracking;

import java.security.SecureRandom;
import org.parcelveil.waybill.WaybillCodec;

/**
 * Well-formed waybill numbers an attacker can make without the key: a neighbour of a known number (the digit field
 * stepped, the check character fixed up) or a random number with a correct check character. The waybill package's
 * own format check decides what is well formed.
 */
public final class WellFormed {
  private static final String SYMBOLS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  private static final long LIMIT = 100_000_000_000_000L;

  private final String prefix;
  private final WaybillCodec foreign;
  private final SecureRandom random = new SecureRandom();

  public WellFormed(String prefix) {
    this.prefix = prefix;
    byte[] key = new byte[32];
    random.nextBytes(key);
    // Under a key that is not ours, encoding a random counter gives random digits with a correct check character.
    this.foreign = new WaybillCodec(prefix, key);
  }

  /** A uniformly random well-formed number. */
  public String random() {
    return foreign.encode(random.nextLong(LIMIT));
  }

  /** The number whose 14 digits are {@code known}'s plus {@code delta} (mod 10^14), with its check character. */
  public String step(String known, long delta) {
    long digits = Long.parseLong(known.substring(prefix.length(), prefix.length() + 14));
    String body = prefix + String.format("%014d", Math.floorMod(digits + delta, LIMIT));
    for (int i = 0; i < SYMBOLS.length(); i++) {
      String candidate = body + SYMBOLS.charAt(i);
      if (WaybillCodec.isWellFormed(candidate, prefix)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no check character closes " + body);
  }
}
