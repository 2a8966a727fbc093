package org.parcelveil.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.parcelveil.app.Fixtures;
import org.parcelveil.http.Json;
import org.parcelveil.soak.Parcels.Stage;
import org.parcelveil.soak.Parcels.Step;

/**
 * Issues the soak's requests over real HTTP and records each answer in a {@link Tally}: a good answer moves its
 * parcel on; any other status, or no answer, is an error.
 */
public final class SoakClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private final SoakCast cast;
  private final Parcels parcels;
  private final byte[] single;
  private final byte[] batch;

  public SoakClient(int port, SoakCast cast, Parcels parcels) {
    this.base = "http://127.0.0.1:" + port;
    this.cast = cast;
    this.parcels = parcels;
    List<Object> items = new ArrayList<>();
    for (int i = 0; i < Operation.BATCH_SIZE; i++) {
      items.add(Fixtures.shipment("SOAK-B" + i));
    }
    this.single = json(Fixtures.shipment("SOAK-1"));
    this.batch = json(Map.of("shipments", items));
  }

  /** An answer: its status and body. */
  public record Reply(int status, String body) {
    JsonNode json() throws Exception {
      return Json.mapper().readTree(body);
    }
  }

  /** Performs one request of {@code op}; its latency counts from {@code dueNanos}. */
  public void perform(Operation op, long dueNanos, Tally tally) {
    Operation done = op;
    Reply r;
    try {
      switch (op) {
        case CREATE -> r = create();
        case BATCH -> r = batch();
        case EVENT -> {
          Optional<Step> step = parcels.nextScan();
          done = step.isPresent() ? op : Operation.CREATE; // nothing to scan yet: the desk waits, merchants ship
          r = step.isPresent() ? scan(step.get()) : create();
        }
        case REVEAL -> r = reveal(parcels.nextReveal());
        case VIEW -> r = send(get("/v1/shipments/" + parcels.anyRecent()), cast.merchant());
        case TRACK -> r = track(parcels.anyRecent());
        case VERIFY -> r = verify(parcels.anyRecent());
        default -> throw new IllegalStateException("unknown operation " + op);
      }
    } catch (Exception e) {
      tally.error(done, Tally.NO_ANSWER, e.toString());
      return;
    }
    long nanos = System.nanoTime() - dueNanos;
    if (r.status() == done.expectedStatus()) {
      tally.ok(done, nanos);
    } else {
      tally.error(done, r.status(), r.body());
    }
  }

  /** True unless the service answers that it has no such route (a feature not merged yet). */
  public boolean hasRoute(Operation op) throws Exception {
    Reply r = op == Operation.TRACK ? track(parcels.anyRecent()) : verify(parcels.anyRecent());
    return !(r.status() == 404 && r.body().contains("No such resource."));
  }

  /** A new parcel brought out for delivery with the soak's courier, outside the pipeline; fails loudly. */
  public String outForDelivery() throws Exception {
    Reply created = send(post("/v1/shipments", single), cast.merchant());
    expect(created, 201);
    String wb = created.json().get("waybill").asText();
    String events = "/v1/shipments/" + wb + "/events";
    expect(send(post(events, json(Map.of("type", "PICKED_UP"))), cast.originDesk()), 201);
    expect(send(post(events, json(Map.of("type", "ARRIVED"))), cast.destDesk()), 201);
    expect(send(post(events, json(Map.of("type", "OUT_FOR_DELIVERY", "courierId", cast.courierId()))),
        cast.destDesk()), 201);
    return wb;
  }

  private static void expect(Reply r, int status) {
    if (r.status() != status) {
      throw new IllegalStateException("set-up expected " + status + " but got " + r.status() + ": " + r.body());
    }
  }

  Reply create() throws Exception {
    Reply r = send(post("/v1/shipments", single), cast.merchant());
    if (r.status() == 201) {
      parcels.created(r.json().get("waybill").asText());
    }
    return r;
  }

  Reply batch() throws Exception {
    Reply r = send(post("/v1/shipments/batch", batch), cast.merchant());
    if (r.status() == 200) {
      for (JsonNode item : r.json().get("results")) {
        if (!item.hasNonNull("waybill")) {
          return new Reply(422, "batch item failed: " + item); // counted as an error
        }
        parcels.created(item.get("waybill").asText());
      }
    }
    return r;
  }

  Reply scan(Step step) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    String token = cast.destDesk();
    Stage next;
    switch (step.from()) {
      case CREATED -> {
        body.put("type", "PICKED_UP");
        token = cast.originDesk();
        next = Stage.PICKED_UP;
      }
      case PICKED_UP -> {
        body.put("type", "ARRIVED");
        next = Stage.ARRIVED;
      }
      case ARRIVED -> {
        body.put("type", "OUT_FOR_DELIVERY");
        body.put("courierId", cast.courierId());
        next = Stage.OUT_FOR_DELIVERY;
      }
      case REVEALED -> {
        body.put("type", "DELIVERED");
        body.put("codCollected", true); // the fixtures' parcels have cash on delivery, which the courier confirms
        token = cast.courier();
        next = null;
      }
      default -> throw new IllegalStateException("no scan from " + step.from());
    }
    Reply r = send(post("/v1/shipments/" + step.waybill() + "/events", json(body)), token);
    if (r.status() == 201 && next != null) {
      parcels.reached(step.waybill(), next);
    }
    return r;
  }

  Reply reveal(Step step) throws Exception {
    Reply r = send(post("/v1/shipments/" + step.waybill() + "/reveal",
        json(Map.of("party", "recipient", "purpose", "DELIVERY"))), cast.courier());
    if (r.status() == 200 && !step.reserved()) {
      parcels.reached(step.waybill(), Stage.REVEALED);
    }
    return r;
  }

  Reply track(String waybill) throws Exception {
    // Each look-up as from another recipient: counted per client only where a trusted proxy header is configured.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String client = "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    String digits = Fixtures.MARK_PHONE.substring(Fixtures.MARK_PHONE.length() - 4);
    return send(get("/v1/track/" + waybill + "?phoneLast4=" + digits).header("X-Forwarded-For", client), null);
  }

  Reply verify(String waybill) throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("waybill", waybill);
    body.put("orderId", "ORD-" + waybill);
    body.put("orderCreatedAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
    body.put("origin", Fixtures.area(SoakCast.ORIGIN.province(), SoakCast.ORIGIN.city(), SoakCast.ORIGIN.district()));
    body.put("destination", Fixtures.area(SoakCast.DESTINATION.province(), SoakCast.DESTINATION.city(),
        SoakCast.DESTINATION.district()));
    body.put("recipientPhone", Fixtures.MARK_PHONE);
    List<String> platforms = cast.platforms();
    String platform = platforms.get(ThreadLocalRandom.current().nextInt(platforms.size()));
    return send(post("/v1/verifications", json(body)), platform);
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).GET();
  }

  private HttpRequest.Builder post(String path, byte[] body) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  Reply send(HttpRequest.Builder b, String token) throws Exception {
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.body());
  }

  private static byte[] json(Object o) {
    try {
      return Json.mapper().writeValueAsBytes(o);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
