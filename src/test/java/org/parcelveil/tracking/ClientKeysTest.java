package org.parcelveil.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Client keys: one per IPv4 address or IPv6 /64, a proxy header only when configured, never an address in clear. */
class ClientKeysTest {

  @Test
  void ipv6_isKeyedByItsSlash64_andIpv4MappedAsIpv4() {
    assertThat(ClientKeys.network("2001:db8:1:2:aaaa::1")).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientKeys.network("[2001:0db8:0001:0002:ffff:0:0:9]")).isEqualTo("2001:db8:1:2::/64");
    assertThat(ClientKeys.network("2001:db8::1")).isEqualTo("2001:db8:0:0::/64");
    assertThat(ClientKeys.network("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
    assertThat(ClientKeys.network("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
    assertThat(ClientKeys.network("192.0.2.7")).isEqualTo("192.0.2.7");
  }

  @Test
  void keys_areOpaque_andStableWithinANode() {
    ClientKeys keys = new ClientKeys(null);
    String k = keys.of("192.0.2.7", null);
    assertThat(k).doesNotContain("192").hasSize(16).isEqualTo(keys.of("192.0.2.7", "10.0.0.1"));
    assertThat(keys.of("2001:db8:1:2::1", null)).isEqualTo(keys.of("2001:db8:1:2::ffff", null))
        .isNotEqualTo(keys.of("2001:db8:1:3::1", null));
    assertThat(new ClientKeys(null).of("192.0.2.7", null)).as("another node, another key").isNotEqualTo(k);
  }

  @Test
  void trustedHeader_usesItsLastLiteralEntry_only() {
    ClientKeys keys = new ClientKeys("X-Forwarded-For");
    assertThat(keys.of("10.0.0.1", "198.51.100.1, 192.0.2.7")).isEqualTo(keys.of("10.0.0.2", "192.0.2.7"));
    assertThat(keys.of("10.0.0.1", "evil.example")).isEqualTo(keys.of("10.0.0.1", null));
    assertThat(keys.of("10.0.0.1", "")).isEqualTo(keys.of("10.0.0.1", null));
  }
}
