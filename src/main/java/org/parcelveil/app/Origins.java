package org.parcelveil.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;

/** The default origin line of the audit log's checkpoints: the host name, so each carrier's log is told apart. */
final class Origins {
  private Origins() {}

  static String defaultOrigin() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.\\-]", "-") + "/parcelveil";
  }
}
