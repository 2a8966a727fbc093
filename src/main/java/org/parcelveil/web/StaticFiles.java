package org.parcelveil.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The console's own stylesheet, script and icon, served from {@code web/static} on the class path: every page loads
 * only from this origin. Only the named files are served; no path from the request reaches the class loader.
 */
final class StaticFiles {
  private static final Map<String, String> TYPES = Map.of(
      "console.css", "text/css; charset=utf-8",
      "audit-verify.js", "text/javascript; charset=utf-8",
      "console.js", "text/javascript; charset=utf-8",
      "favicon.svg", "image/svg+xml");
  private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

  void serve(Context ctx) {
    String name = ctx.pathParam("file");
    String type = TYPES.get(name);
    if (type == null) {
      ctx.status(404).contentType("text/plain").result("not found");
      return;
    }
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType(type).result(cache.computeIfAbsent(name, StaticFiles::read));
  }

  private static byte[] read(String name) {
    try (InputStream in = StaticFiles.class.getResourceAsStream("/web/static/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing static file " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
