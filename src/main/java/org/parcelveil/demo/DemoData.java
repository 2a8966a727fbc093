package org.parcelveil.demo;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.parcelveil.identity.Principal;
import org.parcelveil.access.Principals;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.http.Json;
import org.parcelveil.store.PrivateFiles;
import org.parcelveil.network.Station;
import org.parcelveil.shipment.RecipientInput;
import org.parcelveil.shipment.ShipmentRequest;
import org.parcelveil.vault.Area;
import org.parcelveil.vault.PersonInput;

/**
 * A small demo network: three hubs and their staff, six stations, their staff and couriers, two merchants, a
 * marketplace, support and security, and a few hundred shipments with made-up people. Seeded once per data directory.
 */
public final class DemoData {
  public static final String TOKENS_FILE = "demo-tokens.json";
  static final int SHIPMENTS = 300;

  private final ParcelVeil pv;
  private final Random random = new Random(20121129L);

  public DemoData(ParcelVeil pv) {
    this.pv = pv;
  }

  /**
   * One principal's credentials as written to the tokens file: its API token, and for people their console
   * sign-in name and password, with the second factor's secret for admin and security.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DemoPrincipal(String id, String role, String name, @Nullable String stationCode,
      @Nullable String token, @Nullable String login, @Nullable String password, @Nullable String totpSecret,
      @Nullable String totpUri) {

    DemoPrincipal(String id, String role, String name, @Nullable String stationCode, @Nullable String token) {
      this(id, role, name, stationCode, token, null, null, null, null);
    }

    DemoPrincipal withConsole(String login, String password, @Nullable String totpSecret, @Nullable String totpUri) {
      return new DemoPrincipal(id, role, name, stationCode, token, login, password, totpSecret, totpUri);
    }

    @Override
    public String toString() {
      return "DemoPrincipal[" + id + " " + role + "]";
    }
  }

  /**
   * Seeds the demo unless this data directory has it already, and gives its people console sign-ins (also to a
   * demo seeded before the console had them); returns the tokens file, mode 0600.
   */
  public Path seedOnce(Path dataDir) throws IOException {
    Path file = dataDir.resolve(TOKENS_FILE);
    Map<String, DemoPrincipal> people;
    if (Files.exists(file)) {
      people = Json.mapper().readValue(file.toFile(), new TypeReference<LinkedHashMap<String, DemoPrincipal>>() {});
      if (people.values().stream().anyMatch(p -> p.login() != null)) {
        return file;
      }
    } else {
      people = seed();
    }
    people = new DemoLogins(pv).add(people);
    PrivateFiles.write(file, Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(people));
    return file;
  }

  /** Creates the network, principals and shipments; returns the principals by a short handle. */
  public Map<String, DemoPrincipal> seed() {
    Map<String, DemoPrincipal> out = new LinkedHashMap<>();
    for (DemoNetwork.StationSpec s : DemoNetwork.STATIONS) {
      if (pv.network().find(s.code()).isEmpty()) {
        pv.network().create(s.code(), s.name(), s.kind().name(), s.area());
      }
    }
    for (DemoNetwork.StationSpec s : DemoNetwork.STATIONS) {
      if (s.kind() == Station.Kind.STATION) {
        add(out, "station-" + s.code(), "station", s.name() + " desk", s.code());
        add(out, "courier-" + s.code() + "-1", "courier", "Courier " + s.code() + " 1", s.code());
        add(out, "courier-" + s.code() + "-2", "courier", "Courier " + s.code() + " 2", s.code());
      }
    }
    // Hub staff sort: they scan bags in and out at their hub, in the console or through the API.
    for (DemoNetwork.StationSpec s : DemoNetwork.STATIONS) {
      if (s.kind() == Station.Kind.HUB) {
        add(out, "hub-" + s.code(), "station", s.name() + " desk", s.code());
      }
    }
    add(out, "merchant-1", "merchant", "Westlake Tea Shop", null);
    add(out, "merchant-2", "merchant", "Pudong Electronics", null);
    add(out, "platform", "platform", "Demo Marketplace", null);
    add(out, "support", "support", "Support desk", null);
    add(out, "security", "security", "Security team", null);
    createShipments(out);
    return out;
  }

  private void add(Map<String, DemoPrincipal> out, String handle, String role, String name, String station) {
    Principals.Created c = pv.principals().create(null, role, name, station);
    Principal p = c.principal();
    out.put(handle, new DemoPrincipal(p.id(), role, name, station, c.token()));
  }

  private void createShipments(Map<String, DemoPrincipal> tokens) {
    List<Principal> merchants = new ArrayList<>();
    merchants.add(pv.principals().find(tokens.get("merchant-1").id()).orElseThrow());
    merchants.add(pv.principals().find(tokens.get("merchant-2").id()).orElseThrow());
    // The demo shop's own address as its default sender: the console's form opens prefilled with it.
    // Fixed, so the seeded shipments below stay what they were.
    pv.senders().save(merchants.get(0).id(), new PersonInput("西湖茶庄", "13800001111",
        new PersonInput.AddressInput("浙江省", "杭州市", "滨江区", "江南大道1号", "3楼")), true);
    List<Object> batch = new ArrayList<>();
    for (int i = 0; i < SHIPMENTS; i++) {
      batch.add(request(i));
      if (batch.size() == 100) {
        pv.shipments().createBatch(merchants.get(i / 100 % 2), batch);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      pv.shipments().createBatch(merchants.get(0), batch);
    }
  }

  ShipmentRequest request(int i) {
    Area from = DemoNetwork.pickDistrict(random);
    Area to = DemoNetwork.pickDistrict(random);
    boolean cod = random.nextInt(5) == 0;
    return new ShipmentRequest("DEMO-" + (10000 + i), person(from), RecipientInput.plain(person(to)),
        new ShipmentRequest.ParcelInput(200 + random.nextInt(5000), 20 + random.nextInt(30), 15 + random.nextInt(20),
            5 + random.nextInt(20)),
        cod ? new ShipmentRequest.CodInput((long) (1000 + random.nextInt(50000)), "CNY") : null);
  }

  private PersonInput person(Area area) {
    return new PersonInput(DemoNetwork.name(random), DemoNetwork.phone(random),
        new PersonInput.AddressInput(area.province(), area.city(), area.district(),
            DemoNetwork.street(random), (1 + random.nextInt(30)) + "栋" + (101 + random.nextInt(1500)) + "室"));
  }
}
