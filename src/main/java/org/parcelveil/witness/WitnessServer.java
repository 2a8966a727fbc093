package org.parcelveil.witness;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * The witness's HTTP endpoint, {@code POST /add-checkpoint} (C2SP tlog-witness), on its own small server. There is
 * no authentication: the log's signature on the checkpoint is what the witness checks.
 */
public final class WitnessServer implements AutoCloseable {
  /** 63 proof lines and a checkpoint note of at most 64 KiB fit well below this. */
  static final long MAX_BODY_BYTES = 96 * 1024;

  private final Javalin app;

  public WitnessServer(Witness witness, String host, int port) {
    this.app = Javalin.create(config -> {
      config.http.maxRequestSize = MAX_BODY_BYTES;
      config.startup.showJavalinBanner = false;
      config.jetty.host = host;
      config.jetty.port = port;
      config.routes.post("/add-checkpoint", ctx -> {
        String body = utf8(ctx.bodyAsBytes());
        answer(ctx, body == null ? Witness.Answer.text(400, "the body is not UTF-8") : witness.addCheckpoint(body));
      });
      config.routes.exception(Exception.class, (e, ctx) -> {
        if (e instanceof HttpResponseException h) {
          answer(ctx, Witness.Answer.text(h.getStatus(), h.getStatus() == 413 ? "the body is too large" : "refused"));
          return;
        }
        // A failed write of the state: nothing was cosigned.
        answer(ctx, Witness.Answer.text(503, "the witness cannot record its state; nothing was cosigned"));
      });
    });
  }

  /** The text, or null if the bytes are not strict UTF-8 (the JDK's lenient decoding would alter them). */
  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static void answer(Context ctx, Witness.Answer answer) {
    ctx.status(answer.status()).contentType(answer.contentType()).result(answer.body());
  }

  public WitnessServer start() {
    app.start();
    return this;
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    app.stop();
  }
}
