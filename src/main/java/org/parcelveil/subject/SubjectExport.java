package org.parcelveil.subject;

import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import org.parcelveil.shipment.EventRepository;
import org.parcelveil.subject.SubjectViews.Export;
import org.parcelveil.subject.SubjectViews.ExportedShipment;

/**
 * Sends a subject's export as a JSON attachment: the one place it is built, for the API
 * ({@code GET /v1/subjects/export}) and the recipients' privacy page alike. Each party disclosed is logged first
 * ({@link SubjectData#export}).
 */
public final class SubjectExport {
  private final SubjectData data;
  private final EventRepository events;
  private final Clock clock;

  public SubjectExport(SubjectData data, EventRepository events, Clock clock) {
    this.data = data;
    this.events = events;
    this.clock = clock;
  }

  public void send(Context ctx, Subject subject) {
    List<ExportedShipment> out = data.export(subject).stream()
        .map(h -> ExportedShipment.of(h, events.of(h.shipment().waybill()))).toList();
    ctx.header("Cache-Control", "no-store")
        .header("Content-Disposition", "attachment; filename=\"parcelveil-export.json\"")
        .json(new Export(clock.instant(), out));
  }
}
