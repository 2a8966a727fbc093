package org.parcelveil.http;

import io.javalin.config.RoutesConfig;

/** A feature's HTTP endpoints. Each feature package registers its own; {@code http} knows none of them. */
public interface Routes {
  void register(RoutesConfig routes);
}
