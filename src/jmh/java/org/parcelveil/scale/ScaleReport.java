package org.parcelveil.scale;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The scale-out benchmark's result as Markdown: every run, the medians and their ratios, and the footprints. */
final class ScaleReport {
  private ScaleReport() {}

  static String markdown(String started, String machine, String servers, String load, int rows, int clients,
      int scanClients, int lookupClients, List<ScaleRun> runs, Collection<String> notes, Footprint.TableSize bulk,
      List<Footprint.TableSize> lifecycle, int parcels) {
    StringBuilder md = new StringBuilder();
    md.append("## Scale-out run ").append(started).append("\n\n").append(machine)
        .append(f("%s, one server per shard on loopback (same machine, same disk). Load average %s.%n", servers, load))
        .append(f("Each run: %,d sealed rows inserted by %d clients, 1,000 rows per call (one transaction per "
            + "database touched), into empty tables; then %d clients record pick-up scans (state update, event "
            + "row, commit); then %d clients read random rows by waybill.%n%n", rows, clients, scanClients,
            lookupClients));
    for (String note : notes) {
      md.append("- ").append(note).append('\n');
    }
    md.append("\n| round | store | rows/s inserted | scans/s | look-ups/s | rows per database |\n")
        .append("|---|---|---|---|---|---|\n");
    for (ScaleRun r : runs) {
      md.append(f("| %d | %s | %,.0f | %,.0f | %,.0f | %s |%n", r.round(), r.store(), r.insertsPerSecond(),
          r.scansPerSecond(), r.lookUpsPerSecond(), r.rowsPerDatabase()));
    }
    Map<String, List<ScaleRun>> byStore = new LinkedHashMap<>();
    runs.forEach(r -> byStore.computeIfAbsent(r.store(), k -> new ArrayList<>()).add(r));
    List<ScaleRun> single = byStore.values().iterator().next();
    double baseInsert = median(single, ScaleRun::insertsPerSecond);
    double baseScan = median(single, ScaleRun::scansPerSecond);
    double baseLookUp = median(single, ScaleRun::lookUpsPerSecond);
    md.append("\nMedians over the rounds, and their ratio to one instance:\n\n")
        .append("| store | rows/s inserted | ratio | scans/s | ratio | look-ups/s | ratio | fullest database's share |\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    byStore.forEach((store, rs) -> {
      double ins = median(rs, ScaleRun::insertsPerSecond);
      double scan = median(rs, ScaleRun::scansPerSecond);
      double look = median(rs, ScaleRun::lookUpsPerSecond);
      md.append(f("| %s | %,.0f | %.2f | %,.0f | %.2f | %,.0f | %.2f | %.3f |%n", store, ins, ins / baseInsert, scan,
          scan / baseScan, look, look / baseLookUp, median(rs, ScaleRun::largestShare)));
    });
    md.append(f("%nShipments table after %,d rows on one instance: %,.0f bytes per row (%,.0f table and TOAST, "
        + "%,.0f indexes).%n", bulk.rows(), bulk.bytesPerRow(), (double) bulk.tableBytes() / bulk.rows(),
        (double) bulk.indexBytes() / bulk.rows()));
    md.append(f("%n%,d parcels through the service on PostgreSQL (created, picked up, arrived, out for delivery, "
        + "revealed once, delivered):%n%n| table | rows | rows per parcel | bytes per row | bytes per parcel |%n"
        + "|---|---|---|---|---|%n", parcels));
    double perParcel = 0;
    for (Footprint.TableSize t : lifecycle) {
      perParcel += (double) t.totalBytes() / parcels;
      md.append(f("| %s | %,d | %.2f | %,.0f | %,.0f |%n", t.table(), t.rows(), (double) t.rows() / parcels,
          t.bytesPerRow(), (double) t.totalBytes() / parcels));
    }
    md.append(f("| all | | | | %,.0f |%n", perParcel));
    return md.toString();
  }

  static double median(List<ScaleRun> runs, ToDoubleFunction<ScaleRun> value) {
    double[] v = runs.stream().mapToDouble(value).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
