package org.parcelveil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.label.Dpi;
import org.parcelveil.label.LabelData;
import org.parcelveil.shipment.Shipment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code parcelveil label WAYBILL}: writes a shipment's label to a file (PDF, ZPL or PNG). */
@Command(name = "label", mixinStandardHelpOptions = true, description = "Write a shipment's label to a file.")
final class LabelCommand implements Callable<Integer> {
  @Mixin
  StoreOptions store;

  @Parameters(index = "0", description = "The waybill number.")
  String waybill;

  @Option(names = "--format", defaultValue = "pdf", description = "pdf, zpl or png (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--dpi", defaultValue = "203", description = "PNG resolution: 203 or 300.")
  int dpi;

  @Option(names = {"-o", "--out"}, description = "Output file (default: WAYBILL.FORMAT).")
  Path out;

  @Override
  public Integer call() throws Exception {
    try (ParcelVeil pv = ParcelVeil.open(store.settings(), store.environment())) {
      Shipment s = pv.shipments().find(waybill).orElse(null);
      if (s == null) {
        System.err.println("parcelveil: no shipment " + waybill);
        return 1;
      }
      LabelData label = pv.shipmentLabels().of(s);
      Path file = out != null ? out : Path.of(s.waybill() + "." + format);
      byte[] bytes = switch (format) {
        case "pdf" -> pv.labels().pdf(label);
        case "zpl" -> pv.labels().zpl(label).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        case "png" -> pv.labels().png(label, dpi == 300 ? Dpi.DPI_300 : Dpi.DPI_203);
        default -> throw new IllegalArgumentException("--format must be pdf, zpl or png");
      };
      Files.write(file, bytes);
      System.out.println("wrote " + file);
      return 0;
    }
  }
}
