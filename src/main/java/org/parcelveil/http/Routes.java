package org.parcelveil.http;

import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * A feature's HTTP endpoints, and the exception handlers for its own failures. Each feature package registers its
 * own; {@code http} knows none of them.
 */
public interface Routes {
  void register(RoutesConfig routes);

  /**
   * Path prefixes under which this feature reads bearer tokens itself, because they are not principals' tokens
   * (a data subject's session): the server's principal authentication leaves requests there alone. Without a
   * principal, every principal-only route still answers 401.
   */
  default List<String> ownTokenPaths() {
    return List.of();
  }
}
