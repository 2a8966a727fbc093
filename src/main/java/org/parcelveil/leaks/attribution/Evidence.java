package org.parcelveil.leaks.attribution;

import java.time.Instant;
import java.util.Map;

/**
 * Why an agent is a suspect, in aggregate: how many of the leaked objects it held, by how it held them, and when the
 * earliest and latest of those sightings were. Names no waybill: the ranking says who, not whose shipments.
 */
public record Evidence(Map<How, Integer> how, Instant first, Instant last) {
  public Evidence {
    how = Map.copyOf(how);
  }
}
