package org.parcelveil.waybill;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Turns counters into waybill numbers and back: the 14 digits are the FF1 encryption of the counter under the key
 * version that covers it, with the prefix as tweak, followed by a check character over the whole number.
 *
 * <p>Thread-safe. Several key versions can be held at once so that numbers issued under a retired key still decode
 * after rotation; each version covers the counters from its {@code firstCounter} up to the next version's.
 */
public final class WaybillCodec {
  public static final String DEFAULT_PREFIX = "PV";

  private final String prefix;
  private final int prefixState;
  /** Sorted by first counter; {@code ends[i]} is the first counter of the next version, or 10^14. */
  private final WaybillKey[] keys;
  private final long[] ends;
  private final DigitCipher[] ciphers;

  /** A codec with a single key (version 1) that covers every counter. */
  public WaybillCodec(String prefix, byte[] key32) {
    this(prefix, List.of(new WaybillKey(1, 0, key32)));
  }

  /** A codec with several key versions; their versions and first counters must be distinct. */
  public WaybillCodec(String prefix, List<WaybillKey> keys) {
    this.prefix = WaybillFormat.requirePrefix(prefix);
    this.prefixState = CheckCharacter.fold(0, prefix);
    if (keys == null || keys.isEmpty()) {
      throw new IllegalArgumentException("a waybill codec needs at least one key");
    }
    List<WaybillKey> sorted = new ArrayList<>(keys);
    sorted.sort(Comparator.comparingLong(WaybillKey::firstCounter));
    Set<Integer> versions = new HashSet<>();
    for (int i = 0; i < sorted.size(); i++) {
      WaybillKey k = sorted.get(i);
      if (!versions.add(k.version())) {
        throw new IllegalArgumentException("duplicate waybill key version " + k.version());
      }
      if (i > 0 && sorted.get(i - 1).firstCounter() == k.firstCounter()) {
        throw new IllegalArgumentException("two waybill key versions start at counter " + k.firstCounter());
      }
    }
    this.keys = sorted.toArray(new WaybillKey[0]);
    this.ends = new long[this.keys.length];
    this.ciphers = new DigitCipher[this.keys.length];
    byte[] tweak = prefix.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < this.keys.length; i++) {
      ends[i] = i + 1 < this.keys.length ? this.keys[i + 1].firstCounter() : WaybillFormat.LIMIT;
      ciphers[i] = new DigitCipher(this.keys[i].key(), tweak);
    }
  }

  public String prefix() {
    return prefix;
  }

  /** The waybill number of {@code counter}, which must be in [0, 10^14) and covered by a key version. */
  public String encode(long counter) {
    if (counter < 0 || counter >= WaybillFormat.LIMIT) {
      throw new IllegalArgumentException("counter must be in [0, 10^14): " + counter);
    }
    int k = keyIndexFor(counter);
    byte[] digits = new byte[WaybillFormat.DIGITS];
    ciphers[k].encrypt(digitsOf(counter), digits, WaybillFormat.DIGITS);
    return render(digits);
  }

  /** The 14 decimal digits of {@code counter} as values 0-9, most significant first. */
  static byte[] digitsOf(long counter) {
    byte[] plain = new byte[WaybillFormat.DIGITS];
    long rest = counter;
    for (int i = WaybillFormat.DIGITS - 1; i >= 0; i--) {
      plain[i] = (byte) (rest % 10);
      rest /= 10;
    }
    return plain;
  }

  /** Prefix, the 14 encrypted digits and the check character, continuing from the prefix's check state. */
  String render(byte[] digits) {
    int p = prefix.length();
    char[] out = new char[p + WaybillFormat.DIGITS + 1];
    prefix.getChars(0, p, out, 0);
    int s = prefixState;
    for (int i = 0; i < WaybillFormat.DIGITS; i++) {
      out[p + i] = (char) ('0' + digits[i]);
      s = CheckCharacter.step(s, digits[i]);
    }
    out[out.length - 1] = CheckCharacter.checkFor(s);
    return new String(out);
  }

  /**
   * The counter behind {@code text}, or empty if it is malformed, has the wrong prefix or check character, or
   * decrypts under no key version to a counter in that version's range. Input is trimmed and case-insensitive.
   *
   * <p>Key versions are tried oldest first. A number issued under a newer version decrypts under an older one into
   * that version's range with probability (older range size) / 10^14; it is then still reported valid, with a wrong
   * counter. Use the number itself, not the counter, as the identity of a shipment.
   */
  public OptionalLong decode(String text) {
    String canonical = WaybillFormat.normalize(text);
    if (canonical == null || !WaybillFormat.hasShape(canonical, prefix, prefixState)) {
      return OptionalLong.empty();
    }
    byte[] digits = new byte[WaybillFormat.DIGITS];
    int p = prefix.length();
    for (int i = 0; i < WaybillFormat.DIGITS; i++) {
      digits[i] = (byte) (canonical.charAt(p + i) - '0');
    }
    byte[] plain = new byte[WaybillFormat.DIGITS];
    for (int k = 0; k < keys.length; k++) {
      ciphers[k].decrypt(digits, plain, WaybillFormat.DIGITS);
      long counter = 0;
      for (byte d : plain) {
        counter = counter * 10 + d;
      }
      if (counter >= keys[k].firstCounter() && counter < ends[k]) {
        return OptionalLong.of(counter);
      }
    }
    return OptionalLong.empty();
  }

  /** The counter behind {@code waybill}, as {@link #decode(String)}. */
  public OptionalLong decode(Waybill waybill) {
    return decode(waybill.value());
  }

  /**
   * True when {@code text} has the shape of a number with this prefix and a correct check character; no key is
   * needed, so this is a cheap first filter, not proof that the number was issued.
   */
  public static boolean isWellFormed(String text, String prefix) {
    WaybillFormat.requirePrefix(prefix);
    String canonical = WaybillFormat.normalize(text);
    return canonical != null && WaybillFormat.hasShape(canonical, prefix, CheckCharacter.fold(0, prefix));
  }

  private int keyIndexFor(long counter) {
    for (int i = keys.length - 1; i >= 0; i--) {
      if (counter >= keys[i].firstCounter()) {
        return i;
      }
    }
    throw new IllegalArgumentException(
        "no waybill key covers counter " + counter + "; the oldest starts at " + keys[0].firstCounter());
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("WaybillCodec[prefix=").append(prefix).append(", keys=");
    for (int i = 0; i < keys.length; i++) {
      b.append(i == 0 ? "" : ", ").append('v').append(keys[i].version()).append(" from ").append(keys[i].firstCounter());
    }
    return b.append(']').toString();
  }
}
