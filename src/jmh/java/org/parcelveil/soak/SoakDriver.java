package org.parcelveil.soak;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.parcelveil.bench.Machine;

/**
 * The long soak by hand: {@code bench/soak [--minutes 30] [--db embedded|postgres]}. Starts the real service in this
 * JVM on loopback, measures the mix's maximum rate, soaks at half of it and writes the result under
 * {@code target/soak/} (docs/benchmarks/soak.md keeps the runs worth keeping, with their context).
 */
public final class SoakDriver {
  private SoakDriver() {}

  public static void main(String[] args) throws Exception {
    int minutes = 30;
    String db = "embedded";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Integer.parseInt(args[++i]);
        case "--db" -> db = args[++i];
        default -> throw new IllegalArgumentException("usage: bench/soak [--minutes N] [--db embedded|postgres], not "
            + args[i]);
      }
    }
    String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    SoakResult result;
    try (SoakService service = SoakService.start(db)) {
      result = SoakRun.run(service, SoakPlan.minutes(minutes));
    }
    String report = "## Soak " + started + ", " + minutes + " min, " + db + "\n\n" + Machine.describe() + "\n"
        + SoakReport.markdown(result);
    System.out.println(report);
    Path out = Path.of("target/soak/soak-" + db + "-" + started.replace(" ", "-").replace(":", "") + ".md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);
    System.out.println("written to " + out);
    if (result.errors() > 0) {
      System.exit(1);
    }
  }
}
