package org.parcelveil.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.parcelveil.http.Json;

/** A plain HTTP/1.1 client of the real service for simulations, with a pool that runs many calls at once. */
public final class Api implements AutoCloseable {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;
  private final ExecutorService pool;

  public Api(int port, int clients) {
    this.base = "http://127.0.0.1:" + port;
    this.pool = Executors.newFixedThreadPool(clients);
  }

  /** Posts JSON and returns the answer's JSON; any other status than {@code expected} fails loudly. */
  public JsonNode post(String path, String token, Object body, int expected) {
    try {
      HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body)));
      if (token != null) {
        b.header("Authorization", "Bearer " + token);
      }
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != expected) {
        throw new IllegalStateException(path + " answered " + r.statusCode() + ": "
            + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      return r.body().length == 0 ? null : Json.mapper().readTree(r.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Runs {@code work} on every item, many at a time, and waits for all; the first failure is rethrown. */
  public <T> void each(List<T> items, Consumer<T> work) {
    List<Future<?>> futures = new ArrayList<>(items.size());
    for (T item : items) {
      futures.add(pool.submit(() -> work.accept(item)));
    }
    for (Future<?> f : futures) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
