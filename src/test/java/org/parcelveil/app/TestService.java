package org.parcelveil.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.parcelveil.access.Principals;
import org.parcelveil.http.HttpServer;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.http.Json;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.store.TestDatabases;

/**
 * The real service for tests: real stores (a fresh database on the suite's PostgreSQL, or the embedded store in
 * its own data directory), a real Jetty on a free port, and a real HTTP client.
 */
public final class TestService implements AutoCloseable {
  public final Path dataDir;
  public final ParcelVeil pv;
  public final HttpServer server;
  public final String adminToken;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> env;

  public final MutableClock clock;

  private TestService(Path dataDir, Settings settings, Map<String, String> env, MutableClock clock) {
    this.dataDir = dataDir;
    this.env = env;
    this.clock = clock;
    this.pv = ParcelVeil.open(settings, env, clock);
    this.server = pv.serve();
    this.adminToken = pv.principals().create(null, "admin", "Test admin", null).token();
  }

  /**
   * A fresh service on the given database kind ({@code postgres}, {@code citus}: a Citus cluster's coordinator, or
   * {@code embedded}: the default store).
   */
  public static TestService start(String kind) {
    return start(kind, s -> s);
  }

  /** A fresh service whose settings {@code tune} adjusts. */
  public static TestService start(String kind, java.util.function.UnaryOperator<Settings> tune) {
    try {
      Path dir = Files.createTempDirectory("pv-svc-");
      Settings s = Settings.defaults(dir).withHttp(new HttpSettings("127.0.0.1", 0, 1024 * 1024));
      if (!kind.equals("embedded")) {
        s = s.withDatabase(TestDatabases.fresh(kind));
      }
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      return new TestService(dir, tune.apply(s), Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(key)),
          new MutableClock());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fresh service on plain PostgreSQL, or on the kind {@code -Dpv.store} names (e.g. {@code citus}). */
  public static TestService start() {
    return start(System.getProperty("pv.store", "postgres"));
  }

  /** The master key this service runs with (base64), as an operator keeps it apart from the backups. */
  public String masterKey() {
    return env.get(MasterKeySource.ENV);
  }

  /** A second node on the same stores (PostgreSQL), with its own HTTP port, as a carrier runs several. */
  public TestService anotherNode() {
    return new TestService(dataDir, pv.settings(), env, clock);
  }

  /**
   * A second node whose settings {@code tune} adjusts, e.g. connected to a Citus worker instead of the coordinator
   * ({@link org.parcelveil.store.TestDatabases#onCitusWorker}).
   */
  public TestService anotherNode(java.util.function.UnaryOperator<Settings> tune) {
    return new TestService(dataDir, tune.apply(pv.settings()), env, clock);
  }

  /** The same stores, opened again (a restart). */
  public TestService restart() {
    close();
    return new TestService(dataDir, pv.settings(), env, clock);
  }

  /** A response as the client saw it. */
  public record Response(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return Json.mapper().readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.port() + path;
  }

  public Response get(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET(), token);
  }

  public Response delete(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(url(path))).DELETE(), token);
  }

  public Response post(String path, String token, Object body) {
    return post(path, token, body, Map.of());
  }

  public Response post(String path, String token, Object body, Map<String, String> headers) {
    String text;
    try {
      text = body instanceof String s ? s : Json.mapper().writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(text));
    headers.forEach(b::header);
    return send(b, token);
  }

  public Response send(HttpRequest.Builder builder, String token) {
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> r;
      try {
        r = http.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
          throw e;
        }
        // A pooled connection the server had just closed (after an error answer): not one byte of an answer came
        // back, so send once more on a new connection. A request that had in fact been handled shows up as a
        // duplicate in the tests' counts, never silently.
        r = http.send(request, HttpResponse.BodyHandlers.ofString());
      }
      return new Response(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Sends a request and returns the raw bytes of the answer (labels, PDFs). */
  public HttpResponse<byte[]> sendBytes(HttpRequest.Builder builder, String token) {
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates a principal through the API and returns its token. */
  public Principals.Created principal(String role, String name, String station) {
    return pv.principals().create(null, role, name, station);
  }

  @Override
  public void close() {
    server.close();
    pv.close();
  }
}
