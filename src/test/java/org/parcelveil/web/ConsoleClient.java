package org.parcelveil.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.parcelveil.app.TestService;

/** A browser without JavaScript for console tests: keeps cookies, follows redirects, fills in the page's CSRF token. */
public final class ConsoleClient {
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
  private final TestService svc;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient http;
  private final String forwardedFor;
  private Page last;

  public ConsoleClient(TestService svc) {
    this(svc, null);
  }

  /**
   * A client at {@code forwardedFor}, sent as {@code X-Forwarded-For}: the address the service sees when it runs
   * with that header as its trusted proxy header.
   */
  ConsoleClient(TestService svc, String forwardedFor) {
    this.svc = svc;
    this.forwardedFor = forwardedFor;
    this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NORMAL).build();
  }

  /** A response as the client saw it. */
  public record Page(int status, String body, HttpResponse<String> raw) {
    String csrf() {
      Matcher m = CSRF.matcher(body);
      return m.find() ? m.group(1) : null;
    }

    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String path() {
      return raw.uri().getPath();
    }
  }

  public Page get(String path) {
    return last = send(HttpRequest.newBuilder(URI.create(svc.url(path))).GET());
  }

  /** Posts a form with the CSRF token of the last page. */
  public Page post(String path, Map<String, String> form) {
    Map<String, String> all = new LinkedHashMap<>(form);
    if (last != null && last.csrf() != null) {
      all.putIfAbsent("csrf", last.csrf());
    }
    return postRaw(path, all);
  }

  /** Posts exactly {@code form}: no token is added. */
  Page postRaw(String path, Map<String, String> form) {
    String body = form.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    return last = send(HttpRequest.newBuilder(URI.create(svc.url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Posts {@code content} as the file field {@code field} of a multipart form, with the last page's CSRF token. */
  Page upload(String path, String field, String filename, byte[] content) {
    return upload(path, field, filename, content, Map.of());
  }

  /** As above, with further plain fields of the same form. */
  Page upload(String path, String field, String filename, byte[] content, Map<String, String> fields) {
    String boundary = "pvtest" + Long.toHexString(System.nanoTime());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    String csrf = last == null ? null : last.csrf();
    StringBuilder head = new StringBuilder();
    if (csrf != null) {
      head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n")
          .append(csrf).append("\r\n");
    }
    fields.forEach((name, value) -> head.append("--").append(boundary)
        .append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value)
        .append("\r\n"));
    head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(field)
        .append("\"; filename=\"").append(filename).append("\"\r\nContent-Type: text/csv\r\n\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(content);
    out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return last = send(HttpRequest.newBuilder(URI.create(svc.url(path)))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
  }

  /** The raw bytes at {@code path} (a PDF), with the session's cookies; the page tracked for CSRF is unchanged. */
  HttpResponse<byte[]> bytes(HttpRequest.Builder b) {
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A GET of {@code path} as bytes. */
  HttpResponse<byte[]> getBytes(String path) {
    return bytes(HttpRequest.newBuilder(URI.create(svc.url(path))).GET());
  }

  /** A form POST of {@code path} as bytes, with the last page's CSRF token. */
  HttpResponse<byte[]> postForBytes(String path, String formBody) {
    String csrf = last == null ? null : last.csrf();
    String body = csrf == null ? formBody : formBody + "&csrf=" + enc(csrf);
    return bytes(HttpRequest.newBuilder(URI.create(svc.url(path)))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  CookieManager cookies() {
    return cookies;
  }

  private Page send(HttpRequest.Builder b) {
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Page(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
  }
}
