package org.parcelveil.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.parcelveil.bench.Machine;
import org.parcelveil.soak.HeapProbe;
import org.parcelveil.soak.SoakPlan;
import org.parcelveil.soak.SoakReport;
import org.parcelveil.soak.SoakResult;
import org.parcelveil.soak.SoakRun;
import org.parcelveil.soak.SoakService;

/**
 * The short soak (about a minute): the mixed workload of issuance, scans, reveals, views, tracking and
 * verification at half the maximum rate measured just before, against the real service in this JVM. Every request
 * must succeed, and the heap after a full collection must end where it started, within a bound. The long form is
 * {@code bench/soak --minutes 30}.
 */
class SoakIT {
  /**
   * Growth allowed between the first and the last reading. A leak of one small object per request (some 40,000
   * requests here) would pass unnoticed below this; one of a request's bodies or of a sealed row would not.
   */
  static final long HEAP_GROWTH_BOUND = 48L << 20;
  /**
   * Threads may grow by what the pools grow to under the paced phase's concurrency (Jetty's and the HTTP client's
   * threads, up to one each per worker, idle ones live on for a minute), not by one per request.
   */
  static final int POOL_THREADS_PER_WORKER = 2;
  static final int OTHER_THREADS = 32;

  @Test
  void halfTheMaximumRate_forAMinute_answersEveryRequest_andTheHeapStaysFlat() throws Exception {
    SoakResult r;
    try (SoakService service = SoakService.start("postgres")) {
      r = SoakRun.run(service, SoakPlan.ci());
    }
    String report = Machine.describe() + "\n" + SoakReport.markdown(r);
    System.out.println(report);
    Path out = Path.of("target/soak/SoakIT.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, report);

    assertThat(r.errors()).as(report).isZero();
    // Enough work to mean something; how much is the benchmark's to say, not this test's (the machine is shared).
    assertThat(r.soak().totalOk()).as("requests answered in the soak").isGreaterThan(100);
    HeapProbe.Sample first = r.firstHeap();
    HeapProbe.Sample last = r.lastHeap();
    assertThat(last.heapUsedBytes()).as("heap after GC at the end, against the start").isLessThanOrEqualTo(
        first.heapUsedBytes() + HEAP_GROWTH_BOUND);
    assertThat(last.threads()).as("live threads at the end").isLessThanOrEqualTo(first.threads()
        + POOL_THREADS_PER_WORKER * r.plan().workers() + OTHER_THREADS);
  }
}
