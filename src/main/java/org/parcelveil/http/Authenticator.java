package org.parcelveil.http;

import java.util.Optional;
import org.parcelveil.identity.Principal;

/** Resolves a bearer token to the principal it belongs to; empty for unknown or revoked tokens. */
public interface Authenticator {
  Optional<Principal> authenticate(String bearerToken);
}
