package org.parcelveil.leaks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.cli.Main;
import org.parcelveil.demo.DemoData;
import org.parcelveil.shipment.Shipment;

/** {@code parcelveil leaks attribute FILE} on a store: CSV and JSON lines, ranked output, nothing echoed. */
class AttributeCommandTest {

  @Test
  void attributeCommand_ranksTheMerchantWhoseShipmentsLeaked_fromCsvAndJsonLines(@TempDir Path dir) throws Exception {
    String merchant;
    List<Shipment> leaked;
    try (ParcelVeil pv = ParcelVeil.open(Settings.defaults(dir), Map.of())) {
      Map<String, DemoData.DemoPrincipal> cast = new DemoData(pv).seed();
      merchant = cast.get("merchant-2").id();
      leaked = pv.shipments().ofMerchant(merchant, 30);
    }
    StringBuilder csv = new StringBuilder("name,waybill,extra\n");
    StringBuilder jsonl = new StringBuilder();
    for (Shipment s : leaked) {
      csv.append("Zqsecret,").append(s.waybill()).append(",x\n");
      jsonl.append("{\"waybill\":\"").append(s.waybill()).append("\"}\n");
    }
    csv.append("Zqsecret,PV-NOT-OURS,x\n");
    Path csvFile = Files.writeString(dir.resolve("leak.csv"), csv);
    Path jsonFile = Files.writeString(dir.resolve("leak.jsonl"), jsonl + "not json\n");

    for (Path f : List.of(csvFile, jsonFile)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PrintStream saved = System.out;
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int code;
      try {
        code = Main.run("leaks", "attribute", f.toString(), "--data", dir.toString());
      } finally {
        System.setOut(saved);
      }
      String text = out.toString(StandardCharsets.UTF_8);
      assertThat(code).as(text).isZero();
      assertThat(text).contains(leaked.size() + " matched");
      String firstRow = text.lines().filter(l -> l.startsWith("1 ")).findFirst().orElseThrow();
      assertThat(firstRow).contains(merchant);
      assertThat(text).doesNotContain("Zqsecret");
    }
  }
}
