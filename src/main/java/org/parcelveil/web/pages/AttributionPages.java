package org.parcelveil.web.pages;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parcelveil.identity.Role;
import org.parcelveil.leaks.attribution.LeakFiles;
import org.parcelveil.leaks.service.AttributionRuns;
import org.parcelveil.leaks.service.AttributionViews;
import org.parcelveil.validation.ValidationException;
import org.parcelveil.web.Frame;
import org.parcelveil.web.Gate;
import org.parcelveil.web.Views;

/**
 * Attribution for the security team: paste or upload a leaked list (CSV with a header, JSON lines, or one waybill or
 * phone a line), and see who most likely leaked it. The list is read as the command line reads files
 * ({@link LeakFiles}) and ranked by the service the API uses ({@link AttributionRuns}), which audit-logs the run.
 * Nothing uploaded is stored, logged or shown back: the page names suspects, counts and canary waybills only; a run
 * held past its bounds says so and shows nothing else.
 */
public final class AttributionPages {
  static final Set<String> FORMATS = Set.of("lines", "csv", "jsonl");
  private final Gate gate;
  private final AttributionRuns runs;
  private final Views views;

  AttributionPages(Gate gate, AttributionRuns runs, Views views) {
    this.gate = gate;
    this.runs = runs;
    this.views = views;
  }

  public void register(RoutesConfig routes) {
    EnumSet<Role> security = EnumSet.of(Role.SECURITY);
    routes.get("/console/security/attribution", gate.page(security, (ctx, v) -> render(ctx, v.frame(), null, "lines")));
    routes.post("/console/security/attribution", gate.page(security, this::run));
  }

  private void run(Context ctx, Gate.Visit v) {
    Frame frame = v.frame();
    String format = ctx.formParam("format");
    if (format == null || !FORMATS.contains(format)) {
      refuse(ctx, frame, "attribution.format_invalid", "lines");
      return;
    }
    UploadedFile file = ctx.uploadedFile("file");
    String pasted = ctx.formParam("list");
    boolean hasFile = file != null && file.size() > 0;
    boolean hasPaste = pasted != null && !pasted.isBlank();
    if (hasFile == hasPaste) {
      refuse(ctx, frame, hasFile ? "attribution.both" : "attribution.empty", format);
      return;
    }
    try (Reader reader = hasFile ? new InputStreamReader(file.content(), StandardCharsets.UTF_8)
        : new StringReader(pasted)) {
      AttributionViews.ReportView report = runs.run(v.principal(), LeakFiles.read(reader, format));
      render(ctx, frame, report, format);
    } catch (ValidationException e) {
      ctx.status(400);
      render(ctx, frame.withErrors(MerchantPages.describe(frame, e.errors())), null, format);
    } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      // A file that is not the format chosen (a broken CSV quote, say): never echo its content.
      refuse(ctx, frame, "attribution.unreadable", format);
    }
  }

  private void refuse(Context ctx, Frame frame, String key, String format) {
    ctx.status(400);
    render(ctx, frame.withErrors(List.of(frame.t(key))), null, format);
  }

  private void render(Context ctx, Frame frame, AttributionViews.ReportView report, String format) {
    Map<String, Object> params = new HashMap<>();
    params.put("frame", frame);
    params.put("report", report);
    params.put("format", format);
    params.put("max", runs.maxRecords());
    params.put("bounds", runs.bounds());
    views.page(ctx, "security/attribution.jte", params);
  }
}
