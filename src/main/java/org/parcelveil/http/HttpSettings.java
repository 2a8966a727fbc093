package org.parcelveil.http;

/** Where the server listens and how much it accepts. */
public record HttpSettings(String host, int port, long maxBodyBytes) {
  public static final long DEFAULT_MAX_BODY = 16L * 1024 * 1024;

  public HttpSettings {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (maxBodyBytes < 1024) {
      throw new IllegalArgumentException("maxBodyBytes must be at least 1024, was " + maxBodyBytes);
    }
  }
}
