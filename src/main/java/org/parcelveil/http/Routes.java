package org.parcelveil.http;

import io.javalin.config.RoutesConfig;

/**
 * A feature's HTTP endpoints, and the exception handlers for its own failures. Each feature package registers its
 * own; {@code http} knows none of them. Every API route declares who may call it when it is registered, e.g.
 * {@code routes.get(path, handler, Access.roles(Role.ADMIN))} or {@code Access.ANYONE}.
 */
public interface Routes {
  void register(RoutesConfig routes);
}
