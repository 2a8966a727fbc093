package org.parcelveil.tracking;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The rate-limit key of an anonymous client: its address (or, only when configured, the address a trusted proxy
 * puts in a header), IPv6 cut to its /64 (one subscriber usually holds a whole /64), then a keyed hash under a key
 * made at start-up, so that no address sits in memory in clear.
 */
public final class ClientKeys {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  private final @Nullable String trustedHeader;
  private final SecretKeySpec key;
  private final ThreadLocal<Mac> macs;

  /** @param trustedHeader e.g. {@code X-Forwarded-For}; null to use the peer address only */
  public ClientKeys(@Nullable String trustedHeader) {
    this(trustedHeader, randomKey());
  }

  /**
   * Keys under {@code key} rather than one made at start-up: for limits kept in the database, where every node must
   * give a client the same key.
   */
  public ClientKeys(@Nullable String trustedHeader, byte[] key) {
    this.trustedHeader = trustedHeader == null || trustedHeader.isBlank() ? null : trustedHeader.strip();
    this.key = new SecretKeySpec(key, "HmacSHA256");
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  private static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  public String of(Context ctx) {
    return of(ctx.req().getRemoteAddr(), trustedHeader == null ? null : ctx.header(trustedHeader));
  }

  /**
   * The key for a peer address and the trusted header's value. The header's last entry counts: a proxy appends
   * the address it saw, and anything before it was written by the client.
   */
  String of(String remoteAddress, @Nullable String headerValue) {
    String address = remoteAddress;
    if (trustedHeader != null && headerValue != null) {
      String last = headerValue.substring(headerValue.lastIndexOf(',') + 1).strip();
      if (isLiteral(last)) {
        address = last;
      }
    }
    return hash(network(address == null ? "" : address));
  }

  /** The part of an address that names one subscriber: all of IPv4, the first four groups of IPv6. */
  static String network(String address) {
    String a = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
    int zone = a.indexOf('%');
    if (zone >= 0) {
      a = a.substring(0, zone);
    }
    if (a.startsWith("::ffff:") && IPV4.matcher(a.substring(7)).matches()) {
      return a.substring(7);
    }
    if (!a.contains(":")) {
      return a;
    }
    String[] groups = expand(a.toLowerCase(java.util.Locale.ROOT));
    return groups == null ? a : groups[0] + ":" + groups[1] + ":" + groups[2] + ":" + groups[3] + "::/64";
  }

  private static String[] expand(String a) {
    int gap = a.indexOf("::");
    String[] head = gap < 0 ? a.split(":") : a.substring(0, gap).split(":", -1);
    String[] tail = gap < 0 ? new String[0] : a.substring(gap + 2).split(":", -1);
    if (gap >= 0 && head.length == 1 && head[0].isEmpty()) {
      head = new String[0];
    }
    if (gap >= 0 && tail.length == 1 && tail[0].isEmpty()) {
      tail = new String[0];
    }
    if (head.length + tail.length > 8 || (gap < 0 && head.length != 8)) {
      return null;
    }
    String[] out = new String[8];
    java.util.Arrays.fill(out, "0");
    for (int i = 0; i < head.length; i++) {
      out[i] = strip(head[i]);
    }
    for (int i = 0; i < tail.length; i++) {
      out[8 - tail.length + i] = strip(tail[i]);
    }
    return out;
  }

  private static String strip(String group) {
    String g = group.replaceFirst("^0+(?=.)", "");
    return g.isEmpty() ? "0" : g;
  }

  private static boolean isLiteral(String s) {
    // Literals only: a name here would never be resolved, but it must not become a key either.
    return IPV4.matcher(s).matches() || (s.contains(":") && IPV6.matcher(s).matches());
  }

  private String hash(String network) {
    byte[] mac = macs.get().doFinal(network.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(mac, 12));
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(key);
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  @Override
  public String toString() {
    return "ClientKeys[header=" + trustedHeader + "]";
  }
}
