package org.parcelveil.witness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Asks one witness to cosign a checkpoint (C2SP tlog-witness {@code add-checkpoint}) and checks the answer: a
 * cosignature counts only if it is a {@code cosignature/v1} by the witness's pinned key over that very checkpoint.
 */
public final class WitnessClient {
  private static final int MAX_ANSWER_CHARS = 16 * 1024;

  private final URI addCheckpoint;
  private final VerifierKey key;
  private final HttpClient http;
  private final Duration timeout;

  /** The answer of one witness. */
  public sealed interface Result permits Cosigned, Conflict, Failed {}

  /** The witness cosigned; the cosignature verified with its key. */
  public record Cosigned(Cosignature cosignature) implements Result {}

  /** The witness's last cosigned size is not the old size sent: it is {@code witnessSize}. */
  public record Conflict(long witnessSize) implements Result {}

  /** Anything else: a refusal (its status and the witness's words), an unverifiable answer, no answer (status 0). */
  public record Failed(int status, String reason) implements Result {}

  /**
   * A client of the witness at {@code submissionPrefix} (its URL without {@code /add-checkpoint}) whose verifier key
   * is {@code key} (type 0x04).
   */
  public WitnessClient(URI submissionPrefix, VerifierKey key, HttpClient http, Duration timeout) {
    if (key.type() != VerifierKey.COSIGNATURE_V1) {
      throw new IllegalArgumentException("a witness's verifier key is a cosignature/v1 key (type 0x04): " + key.name());
    }
    String prefix = submissionPrefix.toString();
    this.addCheckpoint = URI.create((prefix.endsWith("/") ? prefix : prefix + "/") + "add-checkpoint");
    this.key = key;
    this.http = http;
    this.timeout = timeout;
  }

  /** A client with its own HTTP/1.1 connection pool (keep-alive, as the spec recommends). */
  public static WitnessClient of(String url, String vkey, Duration timeout) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    return new WitnessClient(URI.create(url), VerifierKey.parse(vkey, VerifierKey.COSIGNATURE_V1), http, timeout);
  }

  public VerifierKey key() {
    return key;
  }

  /**
   * Submits {@code signedCheckpoint} with the consistency proof from {@code oldSize} (the size this witness last
   * cosigned, as far as the caller knows). Never throws for what the witness does; an interrupt is passed on.
   */
  public Result submit(long oldSize, List<byte[]> proof, String signedCheckpoint) throws InterruptedException {
    String text;
    String body;
    try {
      text = SignedNote.parse(signedCheckpoint).text();
      body = new AddCheckpointRequest(oldSize, proof, signedCheckpoint).body();
    } catch (IllegalArgumentException e) {
      return new Failed(0, "not submitted: " + e.getMessage());
    }
    HttpResponse<String> response;
    try {
      response = http.send(HttpRequest.newBuilder(addCheckpoint).timeout(timeout)
              .header("Content-Type", "text/plain; charset=utf-8")
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Failed(0, "no answer: " + e.getClass().getSimpleName());
    }
    String answer = response.body().length() > MAX_ANSWER_CHARS
        ? response.body().substring(0, MAX_ANSWER_CHARS) : response.body();
    return switch (response.statusCode()) {
      case 200 -> verify(answer, text);
      case 409 -> conflict(response, answer);
      default -> new Failed(response.statusCode(), firstLine(answer));
    };
  }

  /** The cosignature by this witness's key among the answer's lines; lines by other keys are ignored. */
  private Result verify(String answer, String checkpointText) {
    if (answer.isEmpty() || !answer.endsWith("\n")) {
      return new Failed(200, "the answer is not a list of signature lines");
    }
    Result found = new Failed(200, "no cosignature by " + key.name() + " in the answer");
    for (String line : answer.substring(0, answer.length() - 1).split("\n", -1)) {
      SignedNote.Line parsed;
      try {
        parsed = SignedNote.Line.parse(line);
      } catch (IllegalArgumentException e) {
        return new Failed(200, "the answer holds a malformed line: " + e.getMessage());
      }
      if (!parsed.name().equals(key.name()) || parsed.keyId() != key.keyId()) {
        continue;
      }
      Cosignature cosignature;
      try {
        cosignature = Cosignature.from(parsed);
      } catch (IllegalArgumentException e) {
        return new Failed(200, e.getMessage());
      }
      if (!cosignature.verify(key, checkpointText)) {
        return new Failed(200, "the cosignature of " + key.name() + " does not verify");
      }
      found = new Cosigned(cosignature);
    }
    return found;
  }

  private static Result conflict(HttpResponse<String> response, String answer) {
    boolean sized = response.headers().firstValue("Content-Type").orElse("").startsWith(Witness.SIZE);
    String size = answer.strip();
    if (sized && size.matches("0|[1-9][0-9]{0,18}")) {
      return new Conflict(Long.parseLong(size));
    }
    return new Failed(409, firstLine(answer));
  }

  private static String firstLine(String answer) {
    String line = answer.lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", "?");
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  @Override
  public String toString() {
    return key.name() + " at " + addCheckpoint;
  }
}
