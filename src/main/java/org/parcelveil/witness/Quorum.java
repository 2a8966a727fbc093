package org.parcelveil.witness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.time.Duration;

/**
 * K of N witnesses: submits a checkpoint to all of them at once and reports whether at least K cosigned within the
 * time allowed. It remembers the size each witness last cosigned, so the next checkpoint goes with the right
 * consistency proof; a witness that answers 409 with another size is asked once more with a proof from that size.
 */
public final class Quorum implements AutoCloseable {
  private final List<WitnessClient> witnesses;
  private final int k;
  private final Duration timeout;
  private final ExecutorService pool;
  private final Map<WitnessClient, Long> known = new ConcurrentHashMap<>();

  /** Gives the consistency proof between two sizes of the log (RFC 9162 order), e.g. from its stored tree. */
  @FunctionalInterface
  public interface Proofs {
    List<byte[]> consistency(long from, long to) throws Exception;
  }

  /**
   * What one round gave: the verified cosignatures (in the witnesses' order), and why each other witness gave none.
   */
  public record Result(int quorum, List<Cosignature> cosignatures, Map<String, String> failures) {
    public Result {
      cosignatures = List.copyOf(cosignatures);
      failures = Map.copyOf(failures);
    }

    public boolean reached() {
      return cosignatures.size() >= quorum;
    }

    /** The checkpoint with the cosignatures appended as extra signature lines, as the log serves it. */
    public String cosignedNote(String signedCheckpoint) {
      StringBuilder note = new StringBuilder(signedCheckpoint);
      cosignatures.forEach(c -> note.append(c.line().text()));
      return note.toString();
    }
  }

  public Quorum(List<WitnessClient> witnesses, int k, Duration timeout) {
    if (k < 1 || k > witnesses.size()) {
      throw new IllegalArgumentException("the quorum must be between 1 and the number of witnesses ("
          + witnesses.size() + "), not " + k);
    }
    this.witnesses = List.copyOf(witnesses);
    this.k = k;
    this.timeout = timeout;
    this.pool = Executors.newFixedThreadPool(witnesses.size(), r -> {
      Thread t = new Thread(r, "witness-quorum");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Submits {@code signedCheckpoint} (of tree size {@code size}) to every witness and waits for all, at most the
   * timeout; a witness that has not answered by then counts as failed.
   */
  public Result collect(String signedCheckpoint, long size, Proofs proofs) throws InterruptedException {
    Map<WitnessClient, Future<WitnessClient.Result>> pending = new LinkedHashMap<>();
    for (WitnessClient w : witnesses) {
      pending.put(w, pool.submit(() -> ask(w, signedCheckpoint, size, proofs)));
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Cosignature> cosignatures = new ArrayList<>();
    Map<String, String> failures = new LinkedHashMap<>();
    for (Map.Entry<WitnessClient, Future<WitnessClient.Result>> e : pending.entrySet()) {
      String name = e.getKey().key().name();
      try {
        WitnessClient.Result r = e.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (r instanceof WitnessClient.Cosigned c) {
          cosignatures.add(c.cosignature());
        } else {
          failures.put(name, describe(r));
        }
      } catch (TimeoutException late) {
        e.getValue().cancel(true);
        failures.put(name, "no answer within " + timeout.toMillis() + " ms");
      } catch (ExecutionException failed) {
        failures.put(name, "failed: " + failed.getCause().getClass().getSimpleName());
      }
    }
    return new Result(k, cosignatures, failures);
  }

  private WitnessClient.Result ask(WitnessClient w, String note, long size, Proofs proofs) throws Exception {
    long old = Math.min(known.getOrDefault(w, 0L), size);
    WitnessClient.Result r = w.submit(old, proof(proofs, old, size), note);
    if (r instanceof WitnessClient.Conflict c && c.witnessSize() != old && c.witnessSize() <= size) {
      old = c.witnessSize();
      r = w.submit(old, proof(proofs, old, size), note);
    }
    if (r instanceof WitnessClient.Cosigned) {
      known.put(w, size);
    } else if (r instanceof WitnessClient.Conflict c) {
      known.put(w, c.witnessSize());
    }
    return r;
  }

  private static List<byte[]> proof(Proofs proofs, long from, long to) throws Exception {
    return from == 0 || from == to ? List.of() : proofs.consistency(from, to);
  }

  private static String describe(WitnessClient.Result r) {
    if (r instanceof WitnessClient.Conflict c) {
      return "409: the witness is at size " + c.witnessSize();
    }
    WitnessClient.Failed f = (WitnessClient.Failed) r;
    return (f.status() == 0 ? "" : f.status() + ": ") + f.reason();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
