package org.parcelveil.scale;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The scale-out benchmark's result as Markdown: every run, the ratios to one instance, and the footprints. */
final class ScaleReport {
  private ScaleReport() {}

  /** How the runs were made, for the report's opening lines. */
  record Setup(String started, String machine, String servers, String load, boolean pinned, int rows, int clients,
      int scanClients, int lookupClients) {}

  static String markdown(Setup s, List<String> stores, List<ScaleRun> runs, Collection<String> notes,
      Footprint.TableSize bulk, List<Footprint.TableSize> lifecycle, int parcels) {
    StringBuilder md = new StringBuilder();
    md.append("## Scale-out run ").append(s.started()).append(s.pinned() ? ", one core per server" : "")
        .append("\n\n").append(s.machine())
        .append(f("%s, one server per shard on loopback (same machine, same disk)%s. Load average %s.%n", s.servers(),
            s.pinned() ? ", each server bound to its own core with taskset (the driver is not bound)" : "", s.load()))
        .append(f("Each run: %,d sealed rows inserted by %d clients, 1,000 rows per call (one transaction per "
            + "database touched), into empty tables; then %d clients record pick-up scans (state update, event "
            + "row, commit); then %d clients read random rows by waybill.%n%n", s.rows(), s.clients(),
            s.scanClients(), s.lookupClients()));
    for (String note : notes) {
      md.append("- ").append(note).append('\n');
    }
    md.append("\n| round | store | rows/s inserted | scans/s | look-ups/s | rows per database |\n")
        .append("|---|---|---|---|---|---|\n");
    for (ScaleRun r : runs) {
      md.append(f("| %d | %s | %,.0f | %,.0f | %,.0f | %s |%n", r.round(), r.store(), r.insertsPerSecond(),
          r.scansPerSecond(), r.lookUpsPerSecond(), r.rowsPerDatabase()));
    }
    md.append("\nMedians over the rounds; ratios are the median of each round's ratio to one instance in that round"
        + " (the store runs minutes apart on a shared machine, a round's own baseline is the fairer one):\n\n")
        .append("| store | rows/s inserted | ratio | scans/s | ratio | look-ups/s | ratio | fullest database's share ")
        .append("|\n")
        .append("|---|---|---|---|---|---|---|---|\n");
    Map<Integer, ScaleRun> baseline = new LinkedHashMap<>();
    runs.stream().filter(r -> r.store().equals(stores.get(0))).forEach(r -> baseline.put(r.round(), r));
    for (String store : stores) {
      List<ScaleRun> rs = runs.stream().filter(r -> r.store().equals(store)).toList();
      md.append(f("| %s | %,.0f | %.2f | %,.0f | %.2f | %,.0f | %.2f | %.3f |%n", store,
          median(rs, ScaleRun::insertsPerSecond), ratio(rs, baseline, ScaleRun::insertsPerSecond),
          median(rs, ScaleRun::scansPerSecond), ratio(rs, baseline, ScaleRun::scansPerSecond),
          median(rs, ScaleRun::lookUpsPerSecond), ratio(rs, baseline, ScaleRun::lookUpsPerSecond),
          median(rs, ScaleRun::largestShare)));
    }
    md.append(f("%nShipments table after %,d rows on one instance: %,.0f bytes per row (%,.0f table and TOAST, "
        + "%,.0f indexes).%n", bulk.rows(), bulk.bytesPerRow(), (double) bulk.tableBytes() / bulk.rows(),
        (double) bulk.indexBytes() / bulk.rows()));
    md.append(f("%n%,d parcels through the service on PostgreSQL (created, picked up, arrived, out for delivery, "
        + "revealed once, delivered):%n%n| table | rows | rows per parcel | bytes per row | bytes per parcel |%n"
        + "|---|---|---|---|---|%n", parcels));
    double written = 0;
    double live = 0;
    for (Footprint.TableSize t : lifecycle) {
      double perParcel = (double) t.totalBytes() / parcels;
      if (t.table().contains("live")) {
        live += perParcel;
      } else {
        written += perParcel;
      }
      md.append(f("| %s | %,d | %.2f | %,.0f | %,.0f |%n", t.table(), t.rows(), (double) t.rows() / parcels,
          t.bytesPerRow(), perParcel));
    }
    md.append(f("| all, as written | | | | %,.0f |%n| all, live rows only | | | | %,.0f |%n", written, live));
    return md.toString();
  }

  static double median(List<ScaleRun> runs, ToDoubleFunction<ScaleRun> value) {
    return median(runs.stream().mapToDouble(value).toArray());
  }

  private static double ratio(List<ScaleRun> runs, Map<Integer, ScaleRun> baseline, ToDoubleFunction<ScaleRun> v) {
    List<Double> ratios = new ArrayList<>();
    for (ScaleRun r : runs) {
      ScaleRun base = baseline.get(r.round());
      if (base != null) {
        ratios.add(v.applyAsDouble(r) / v.applyAsDouble(base));
      }
    }
    return median(ratios.stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double median(double[] values) {
    double[] v = java.util.Arrays.stream(values).filter(d -> !Double.isNaN(d)).sorted().toArray();
    if (v.length == 0) {
      return Double.NaN;
    }
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
