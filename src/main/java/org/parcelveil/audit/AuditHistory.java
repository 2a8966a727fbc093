package org.parcelveil.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The log's entries about given shipments, each with its inclusion proof to a signed checkpoint: what a person's
 * "who saw my data" list is made of. The caller decides which shipments and parties are the person's; this class
 * only reads the log and proves.
 */
public final class AuditHistory {
  private final AuditReader reader;
  private final CheckpointPublisher publisher;

  AuditHistory(AuditReader reader, CheckpointPublisher publisher) {
    this.reader = reader;
    this.publisher = publisher;
  }

  /** Entries that name one of {@code waybills} and either no party or one of {@code parties}. */
  public record About(Set<String> waybills, Set<String> parties) {
    public About {
      waybills = Set.copyOf(waybills);
      parties = Set.copyOf(parties);
    }
  }

  /**
   * One entry as logged, with its leaf hash (recomputed from the stored row, so an edited row shows as a proof that
   * fails) and its inclusion proof, lower-case hex, bottom-up; {@code proof} is null when the checkpoint does not
   * cover the entry yet. The record holds the principal's id: callers decide what of it to show.
   */
  public record Proven(long index, Instant time, AuditRecord record, String leafHash, @Nullable List<String> proof) {
    public Proven {
      Objects.requireNonNull(record, "record");
      proof = proof == null ? null : List.copyOf(proof);
    }
  }

  /** The entries found, newest first, and the signed checkpoint (a C2SP note) their proofs lead to, if any. */
  public record Found(@Nullable String checkpoint, List<Proven> entries) {
    public Found {
      entries = List.copyOf(entries);
    }
  }

  /**
   * The newest {@code limit} entries about any of {@code concerns}, newest first, each proven to {@link #checkpoint}.
   *
   * @throws AuditUnavailableException if the log cannot be read
   */
  public Found about(Collection<About> concerns, int limit) {
    List<AuditEntry> found = new ArrayList<>();
    try {
      for (About a : concerns) {
        found.addAll(reader.entriesAbout(a.waybills(), a.parties(), limit));
      }
    } catch (TreeStore.MalformedEntryException e) {
      // A row that is no entry any more: the verifier names it; the person gets no partial history.
      throw new AuditUnavailableException("the audit log holds a malformed entry", e);
    }
    List<AuditEntry> newest = found.stream().distinct().sorted(Comparator.comparingLong(AuditEntry::index).reversed())
        .limit(limit).toList();
    long needed = newest.isEmpty() ? 0 : newest.get(0).index() + 1;
    Optional<String> note = newest.isEmpty() ? publisher.served() : checkpoint(needed);
    long size = note.map(AuditHistory::size).orElse(0L);
    Map<Long, List<byte[]>> proofs = size == 0 ? Map.of()
        : reader.inclusions(newest.stream().map(AuditEntry::index).toList(), size);
    List<Proven> out = newest.stream().map(e -> new Proven(e.index(), e.time(), e.record(), Hex.of(e.leafHash()),
        proofs.containsKey(e.index()) ? proofs.get(e.index()).stream().map(Hex::of).toList() : null)).toList();
    return new Found(note.orElse(null), out);
  }

  /**
   * The signed checkpoint that proofs for people lead to. Without witnesses: the latest the log serves, published
   * now if it does not yet cover the newest entry wanted. With witnesses: the newest checkpoint a quorum cosigned,
   * with their cosignature lines; if it does not cover the entry, a checkpoint is published and taken to the
   * witnesses now, and entries the quorum still has not cosigned are shown without a proof. This is the one place
   * that chooses it.
   */
  Optional<String> checkpoint(long neededSize) {
    Optional<String> latest = publisher.served();
    if (latest.isPresent() && size(latest.get()) >= neededSize) {
      return latest;
    }
    Optional<String> published = publisher.publishNow();
    return publisher.witnessed() ? publisher.served() : published;
  }

  /** The tree size of a signed checkpoint the log made itself. */
  private static long size(String note) {
    return Checkpoint.parse(note.substring(0, note.lastIndexOf("\n\n") + 1)).size();
  }
}
