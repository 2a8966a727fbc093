package org.parcelveil.leaks.detect;

/**
 * Whether a shipment ever was in a principal's scope: assigned to the courier, handled at the station, created by
 * the merchant. A refusal on such a shipment is a race (it was reassigned), not an out-of-scope attempt.
 */
@FunctionalInterface
public interface ScopeResolver {
  boolean everInScope(String principalId, String role, String stationCode, String waybill);
}
