package org.parcelveil.webhook;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * The check that keeps a webhook URL a customer chose from reaching into the service's own network (server-side
 * request forgery): http or https only, and every address its host resolves to public: not loopback, private,
 * link-local (the cloud metadata address 169.254.169.254 among them), unique-local (fd00:ec2::254), carrier-grade
 * NAT, multicast, reserved or documentation ranges. Checked when a subscription is made and again before each call,
 * on the name resolved at that moment, so a name that later resolves to an inner address (DNS rebinding) is refused
 * then. The client's own look-up a moment later reads the JVM's address cache (30 s by default), which the check
 * just filled.
 */
public final class PublicAddresses {
  private PublicAddresses() {}

  /** A call refused because its target is not a public http(s) address; its class name is the logged outcome. */
  public static final class BlockedAddressException extends IOException {
    BlockedAddressException(String detail) {
      super(detail, null);
    }
  }

  /** What is wrong with the URL's form (scheme, host, user info), or empty; says nothing about its addresses. */
  public static Optional<String> formProblem(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      return Optional.of("must be an http or https URL");
    }
    if (uri.getHost() == null || uri.getHost().isEmpty()) {
      return Optional.of("must name a host");
    }
    if (uri.getRawUserInfo() != null) {
      return Optional.of("must not hold a user name or password");
    }
    if (uri.getRawFragment() != null) {
      return Optional.of("must not have a fragment");
    }
    return Optional.empty();
  }

  /**
   * Resolves the URL's host now and refuses it unless its form is good and every address is public.
   *
   * @throws BlockedAddressException for a bad form or an address that is not public
   * @throws java.net.UnknownHostException if the name does not resolve
   */
  public static void requirePublic(URI uri) throws IOException {
    Optional<String> form = formProblem(uri);
    if (form.isPresent()) {
      throw new BlockedAddressException(form.get());
    }
    for (InetAddress a : InetAddress.getAllByName(uri.getHost())) {
      if (!isPublic(a)) {
        throw new BlockedAddressException("the host resolves to an address that is not public");
      }
    }
  }

  /** True for a globally routable unicast address. */
  static boolean isPublic(InetAddress a) {
    if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
        || a.isMulticastAddress()) {
      return false;
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return isPublicV4(b);
    }
    if (a instanceof Inet6Address) {
      int first = b[0] & 0xff;
      if ((first & 0xfe) == 0xfc) {
        return false; // fc00::/7, unique local
      }
      if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
        return false; // 2001:db8::/32, documentation
      }
      if (isEmbeddingV4(b)) {
        return isPublicV4(new byte[] {b[12], b[13], b[14], b[15]});
      }
      return first != 0; // ::/8 holds the unspecified, loopback and IPv4-compatible forms
    }
    return false;
  }

  /** ::ffff:a.b.c.d (mapped) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address they embed. */
  private static boolean isEmbeddingV4(byte[] b) {
    boolean mapped = true;
    for (int i = 0; i < 10; i++) {
      mapped &= b[i] == 0;
    }
    mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
    for (int i = 4; i < 12 && nat64; i++) {
      nat64 = b[i] == 0;
    }
    return mapped || nat64;
  }

  private static boolean isPublicV4(byte[] b) {
    int o1 = b[0] & 0xff;
    int o2 = b[1] & 0xff;
    int o3 = b[2] & 0xff;
    return !(o1 == 0 || o1 == 10 || o1 == 127 || o1 >= 224                    // this network, private, loopback,
        || (o1 == 100 && o2 >= 64 && o2 < 128)                                 // multicast and reserved; CGNAT
        || (o1 == 169 && o2 == 254) || (o1 == 172 && o2 >= 16 && o2 < 32)      // link-local (metadata); private
        || (o1 == 192 && o2 == 168) || (o1 == 192 && o2 == 0 && (o3 == 0 || o3 == 2))  // private; IETF; TEST-NET-1
        || (o1 == 198 && (o2 == 18 || o2 == 19)) || (o1 == 198 && o2 == 51 && o3 == 100)  // benchmarks; TEST-NET-2
        || (o1 == 203 && o2 == 0 && o3 == 113));                              // TEST-NET-3
  }
}
