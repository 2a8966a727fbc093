package org.parcelveil.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parcelveil.app.TestService;
import org.parcelveil.http.Json;

/** The demo seeds staff for every hub, with a console sign-in in the tokens file like every other person's. */
class DemoHubStaffTest {

  @Test
  void everyHub_hasStaffWithASignIn_whoMayListTheHubsParcels() throws Exception {
    try (TestService svc = TestService.start()) {
      Path file = new DemoData(svc.pv).seedOnce(svc.dataDir);
      Map<String, DemoData.DemoPrincipal> people = Json.mapper().readValue(file.toFile(),
          new TypeReference<LinkedHashMap<String, DemoData.DemoPrincipal>>() {});
      for (String hub : new String[] {"HZH", "SHH", "BJH"}) {
        DemoData.DemoPrincipal desk = people.get("hub-" + hub);
        assertThat(desk).as(hub).isNotNull();
        assertThat(desk.role()).isEqualTo("station");
        assertThat(desk.stationCode()).isEqualTo(hub);
        assertThat(desk.login()).isEqualTo("hub-" + hub.toLowerCase());
        assertThat(desk.password()).startsWith("demo-");
        assertThat(svc.get("/v1/stations/" + hub + "/parcels", desk.token()).status()).isEqualTo(200);
      }
    }
  }
}
