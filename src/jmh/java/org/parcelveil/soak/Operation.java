package org.parcelveil.soak;

/** One kind of request in the soak's mix, with its share of the mix and the status a good answer has. */
public enum Operation {
  CREATE("POST /v1/shipments", 12, 201),
  BATCH("POST /v1/shipments/batch (" + Operation.BATCH_SIZE + " items)", 2, 200),
  EVENT("POST /v1/shipments/{waybill}/events", 34, 201),
  REVEAL("POST /v1/shipments/{waybill}/reveal", 8, 200),
  VIEW("GET /v1/shipments/{waybill}", 14, 200),
  TRACK("GET /v1/track/{waybill}", 20, 200),
  VERIFY("POST /v1/verifications", 10, 200);

  /** Shipments per batch request: a merchant's upload of a few minutes' orders. */
  public static final int BATCH_SIZE = 20;

  private final String route;
  private final int weight;
  private final int expected;

  Operation(String route, int weight, int expected) {
    this.route = route;
    this.weight = weight;
    this.expected = expected;
  }

  public String route() {
    return route;
  }

  /** Requests of this kind per 100 requests of the full mix. */
  public int weight() {
    return weight;
  }

  public int expectedStatus() {
    return expected;
  }
}
