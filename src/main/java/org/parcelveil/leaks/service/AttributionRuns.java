package org.parcelveil.leaks.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.leaks.attribution.Attribution;
import org.parcelveil.leaks.attribution.AttributionBounds;
import org.parcelveil.leaks.attribution.LeakRecord;
import org.parcelveil.leaks.attribution.Ranking;
import org.parcelveil.validation.ValidationException;

/**
 * Runs an attribution for a person, as the API ({@code POST /v1/attributions}) and the console both do: checks the
 * list's size, feeds it in chunks (a big list is never matched in one query), applies the {@link AttributionBounds}
 * (past them the run is held for an admin), and reports suspects with their principals' names. The run is
 * audit-logged by {@link Attribution#finish}; a list refused here leaves no trace.
 */
public final class AttributionRuns {
  static final int CHUNK = 1000;
  private final Attribution attribution;
  private final Principals principals;
  private final int maxRecords;
  private final AttributionBounds bounds;

  AttributionRuns(Attribution attribution, Principals principals, int maxRecords, AttributionBounds bounds) {
    this.attribution = attribution;
    this.principals = principals;
    this.maxRecords = maxRecords;
    this.bounds = bounds;
  }

  public int maxRecords() {
    return maxRecords;
  }

  public AttributionBounds bounds() {
    return bounds;
  }

  /**
   * Ranks who most likely leaked {@code records}; past the bounds, only says the run is held.
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
    return AttributionViews.of(attribution.finish(run, actor.id(), actor.role().wireName(), bounds), principals);
  }

  /** A run as its requester may see it (held or released); empty for anyone else, as if there were none. */
  public Optional<AttributionViews.ReportView> result(Principal requester, String runId) {
    return attribution.find(runId).filter(r -> r.requesterId().equals(requester.id()))
        .map(r -> AttributionViews.of(r.report(), principals));
  }

  /** Releases a held run for {@code approver}, who must not be its requester. */
  public Attribution.Approval approve(Principal approver, String runId) {
    return attribution.approve(runId, approver.id(), approver.role().wireName());
  }

  /** Held runs waiting for an admin, oldest first. */
  public List<AttributionViews.HeldView> held() {
    return attribution.pending(1000).stream().map(AttributionViews::held).toList();
  }

  private ValidationException tooMany() {
    return ValidationException.of("records", "must hold 1 to " + maxRecords + " records");
  }
}
