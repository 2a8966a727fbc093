package org.parcelveil.audit;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.parcelveil.identity.Role;
import org.parcelveil.http.ApiException;
import org.parcelveil.http.Access;
import org.parcelveil.http.HttpProblems;
import org.parcelveil.http.Routes;
import org.parcelveil.keys.KeyStoreException;
import org.parcelveil.validation.FieldError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/audit}: the signed checkpoint, the verifier key, the tlog-tiles hash tiles and the proofs are public;
 * entries and entry bundles need the security role.
 */
public final class AuditRoutes implements Routes {
  private static final Logger LOG = LoggerFactory.getLogger(AuditRoutes.class);
  static final int MAX_PAGE = 1000;
  static final int DEFAULT_PAGE = 100;
  private static final String IMMUTABLE = "public, max-age=31536000, immutable";
  private static final String TEXT = "text/plain; charset=utf-8";
  private static final String BINARY = "application/octet-stream";

  private final AuditReader reader;
  private final CheckpointPublisher publisher;
  private final VerifierKeys keys;

  AuditRoutes(AuditReader reader, CheckpointPublisher publisher, VerifierKeys keys) {
    this.reader = reader;
    this.publisher = publisher;
    this.keys = keys;
  }

  record EntryView(long index, String time, String action, String principalId, String principalRole,
      @Nullable String waybill, @Nullable String party, @Nullable String purpose, @Nullable String ticket,
      String outcome, @Nullable String reason, String nonce, String leafHash) {
    static EntryView of(AuditEntry e) {
      AuditRecord r = e.record();
      return new EntryView(e.index(), e.time().toString(), r.action(), r.principalId(), r.principalRole(),
          r.waybill(), r.party(), r.purpose(), r.ticket(), r.outcome().wireName(), r.reason(), Hex.of(e.nonce()),
          Hex.of(e.leafHash()));
    }
  }

  record EntriesView(long start, long end, long treeSize, List<EntryView> entries) {}

  record InclusionView(long index, long size, String leafHash, List<String> hashes) {}

  record ConsistencyView(long from, long to, List<String> hashes) {}

  @Override
  public void register(RoutesConfig routes) {
    // Any route whose action must be logged fails closed when the log cannot commit: nothing was done or disclosed.
    routes.exception(AuditUnavailableException.class, (e, ctx) -> {
      LOG.warn("audit log unavailable at {} {}", ctx.method(), HttpProblems.route(ctx));
      HttpProblems.send(ctx, HttpProblems.unavailable(
          "The audit log is unavailable; nothing was disclosed. Retry shortly."));
    });
    routes.get("/v1/audit/checkpoint", guarded(this::checkpoint), Access.ANYONE);
    routes.get("/v1/audit/key", guarded(this::key), Access.ANYONE);
    // Entry bundles carry the entries themselves; hash tiles only hashes. The first route wins for entries/...
    routes.get("/v1/audit/tile/entries/<path>", guarded(ctx -> tile(ctx, "entries/" + ctx.pathParam("path"), true)),
        Access.roles(Role.SECURITY));
    routes.get("/v1/audit/tile/<path>", guarded(ctx -> tile(ctx, ctx.pathParam("path"), false)), Access.ANYONE);
    routes.get("/v1/audit/entries", guarded(this::entries), Access.roles(Role.SECURITY));
    routes.get("/v1/audit/proofs/inclusion", guarded(this::inclusion), Access.ANYONE);
    routes.get("/v1/audit/proofs/consistency", guarded(this::consistency), Access.ANYONE);
  }

  private void checkpoint(Context ctx) {
    Optional<String> note = publisher.served();
    if (note.isEmpty()) {
      publisher.publishNow();
      note = publisher.served();
    }
    ctx.contentType(TEXT).result(note.orElseThrow(() -> new AuditUnavailableException(publisher.witnessed()
        ? "no checkpoint has reached the witness quorum yet" : "no checkpoint yet", null)));
  }

  private void key(Context ctx) {
    boolean all = "true".equals(ctx.queryParam("all"));
    List<String> vkeys = all ? keys.all() : List.of(keys.current());
    ctx.contentType(TEXT).result(String.join("\n", vkeys) + "\n");
  }

  private void tile(Context ctx, String path, boolean entriesRoute) {
    TilePath tile;
    try {
      tile = TilePath.parse(path);
    } catch (IllegalArgumentException e) {
      throw ApiException.notFound("No such tile.");
    }
    if (tile.isEntries() != entriesRoute) {
      throw ApiException.notFound("No such tile.");
    }
    Optional<byte[]> body = tile.isEntries() ? reader.entryBundle(tile) : reader.tile(tile);
    byte[] bytes = body.orElseThrow(() -> ApiException.notFound("No such tile."));
    if (tile.isFull() && !tile.isEntries()) {
      ctx.header("Cache-Control", IMMUTABLE);
    }
    ctx.contentType(BINARY).result(bytes);
  }

  private void entries(Context ctx) {
    long start = param(ctx, "start", 0L);
    long end = param(ctx, "end", start + DEFAULT_PAGE);
    if (end < start) {
      throw ApiException.invalid(List.of(new FieldError("end", "must not be below start")));
    }
    end = Math.min(end, start + MAX_PAGE);
    long size = reader.size();
    List<EntryView> views = reader.entries(start, Math.min(end, size)).stream().map(EntryView::of).toList();
    ctx.json(new EntriesView(start, start + views.size(), size, views));
  }

  private void inclusion(Context ctx) {
    long index = param(ctx, "index", null);
    long size = param(ctx, "size", null);
    if (index >= size) {
      throw ApiException.invalid(List.of(new FieldError("index", "must be below size")));
    }
    AuditReader.Proof proof = reader.inclusion(index, size);
    ctx.json(new InclusionView(index, size, Hex.of(proof.leafHash()), hex(proof.hashes())));
  }

  private void consistency(Context ctx) {
    long from = param(ctx, "from", null);
    long to = param(ctx, "to", null);
    if (from > to) {
      throw ApiException.invalid(List.of(new FieldError("from", "must not be above to")));
    }
    ctx.json(new ConsistencyView(from, to, hex(reader.consistency(from, to).hashes())));
  }

  private static List<String> hex(List<byte[]> hashes) {
    return hashes.stream().map(Hex::of).toList();
  }

  private static long param(Context ctx, String name, @Nullable Long fallback) {
    String value = ctx.queryParam(name);
    if (value == null || value.isEmpty()) {
      if (fallback != null) {
        return fallback;
      }
      throw ApiException.invalid(List.of(new FieldError(name, "is required")));
    }
    if (!value.matches("[0-9]{1,15}")) {
      throw ApiException.invalid(List.of(new FieldError(name, "must be a non-negative integer")));
    }
    return Long.parseLong(value);
  }

  /**
   * Maps the log's failures to problems: a range it does not have is 400; a database or key-store failure, or a
   * stored row that is no longer an entry (the verifier names it), is 503.
   */
  private static Handler guarded(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (AuditReader.OutOfRangeException e) {
        throw new ApiException(400, "bad-request", "Bad request", e.getMessage());
      } catch (AuditUnavailableException | KeyStoreException | TreeStore.MalformedEntryException e) {
        throw new ApiException(503, "unavailable", "Service unavailable", "The audit log is unavailable.");
      }
    };
  }
}
