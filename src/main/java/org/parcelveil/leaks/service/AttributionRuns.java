package org.parcelveil.leaks.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.parcelveil.access.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.leaks.attribution.Attribution;
import org.parcelveil.leaks.attribution.LeakRecord;
import org.parcelveil.leaks.attribution.Ranking;
import org.parcelveil.validation.ValidationException;

/**
 * Runs an attribution for a person, as the API ({@code POST /v1/attributions}) and the console both do: checks the
 * list's size, feeds it in chunks (a big list is never matched in one query), and reports suspects with their
 * principals' names. The run is audit-logged by {@link Attribution#finish}; a list refused here leaves no trace.
 */
public final class AttributionRuns {
  static final int CHUNK = 1000;
  private final Attribution attribution;
  private final Principals principals;
  private final int maxRecords;

  AttributionRuns(Attribution attribution, Principals principals, int maxRecords) {
    this.attribution = attribution;
    this.principals = principals;
    this.maxRecords = maxRecords;
  }

  public int maxRecords() {
    return maxRecords;
  }

  /**
   * Ranks who most likely leaked {@code records}.
   *
   * @throws ValidationException if the list is empty, longer than the limit, has a missing record, or no record
   *     names a waybill, phone or name (a file with none of those columns)
   */
  public AttributionViews.ReportView run(Principal actor, Iterator<LeakRecord> records) {
    Ranking run = attribution.begin();
    List<LeakRecord> chunk = new ArrayList<>(CHUNK);
    int count = 0;
    boolean anything = false;
    while (records.hasNext()) {
      LeakRecord r = records.next();
      if (r == null) {
        throw ValidationException.of("records", "must hold objects {waybill?, phone?, name?}");
      }
      if (++count > maxRecords) {
        throw tooMany();
      }
      anything |= r.waybill() != null || r.personal();
      chunk.add(r);
      if (chunk.size() == CHUNK) {
        run.add(chunk);
        chunk = new ArrayList<>(CHUNK);
      }
    }
    if (count == 0) {
      throw tooMany();
    }
    if (!anything) {
      throw ValidationException.of("records", "name no waybill, phone or name");
    }
    if (!chunk.isEmpty()) {
      run.add(chunk);
    }
    return AttributionViews.of(attribution.finish(run, actor.id(), actor.role().wireName()), principals);
  }

  private ValidationException tooMany() {
    return ValidationException.of("records", "must hold 1 to " + maxRecords + " records");
  }
}
