package org.parcelveil.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a customer's webhook may reach: public unicast only (server-side request forgery). */
class PublicAddressesTest {

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.5.5.5", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
      "192.168.1.1", "169.254.169.254", "100.64.0.1", "100.127.255.254", "224.0.0.1", "255.255.255.255",
      "192.0.0.8", "198.18.0.1", "::", "::1", "fe80::1", "fd00:ec2::254", "fc00::1", "ff02::1",
      "::ffff:10.0.0.1", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe", "2001:db8::1", "::127.0.0.1"})
  void innerAddresses_areNotPublic(String address) throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "169.255.0.1", "2606:4700::1111",
      "64:ff9b::808:808"})
  void globalAddresses_arePublic(String address) throws Exception {
    assertThat(PublicAddresses.isPublic(InetAddress.getByName(address))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://localhost:8080/hook", "http://127.0.0.1/", "https://[::1]/x",
      "http://169.254.169.254/latest/meta-data/", "http://2130706433/", "http://0x7f000001/", "http://10.0.0.1/",
      "file:///etc/passwd", "ftp://example.com/", "gopher://example.com/", "http://user:pw@example.com/",
      "http:///nohost"})
  void requirePublic_refusesTheseBeforeAnyCall(String url) {
    assertThatThrownBy(() -> PublicAddresses.requirePublic(URI.create(url)))
        .isInstanceOf(java.io.IOException.class);
  }
}
