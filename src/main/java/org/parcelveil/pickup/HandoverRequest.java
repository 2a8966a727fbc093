package org.parcelveil.pickup;

/**
 * {@code POST /v1/shipments/{waybill}/handover} as the station sends it: the recipient's pickup code and the last
 * four digits of their phone. It never prints either.
 */
public record HandoverRequest(String code, String phoneLast4) {
  @Override
  public String toString() {
    return "HandoverRequest[code=[REDACTED], phoneLast4=[REDACTED]]";
  }
}
