package org.parcelveil.webhook;

import java.net.URI;
import java.util.Objects;

/**
 * One call to send: where, the secret that signs it, the body, and whether its address must be public. A target a
 * customer chose ({@code publicOnly}) is checked against loopback, private, link-local and metadata addresses when
 * sent, after its name is resolved ({@link PublicAddresses}); one the operator configured (the alert webhook) is
 * not.
 */
public record WebhookCall(URI uri, WebhookSignature signature, byte[] body, boolean publicOnly) {
  public WebhookCall {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(signature, "signature");
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  @Override
  public String toString() {
    return "WebhookCall[" + uri.getScheme() + "://" + uri.getHost() + ", publicOnly=" + publicOnly + "]";
  }
}
