package org.parcelveil.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.audit.AuditReport;
import org.parcelveil.audit.AuditVerifier;
import org.parcelveil.audit.HistoryVerifier;
import org.parcelveil.witness.SignedNote;
import org.parcelveil.witness.VerifierKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parcelveil audit verify}: recomputes the log and checks it against its checkpoints; {@code audit prove}:
 * checks a person's downloaded disclosure history offline.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit log tools.",
    subcommands = {AuditCommand.Verify.class, AuditCommand.Prove.class})
final class AuditCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Recompute the Merkle tree from the entries, check the checkpoints' signatures and roots, and "
          + "consistency with a trusted checkpoint. Exit 0 verified, 1 tampering found, 2 could not verify.")
  static final class Verify implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--trusted", description = "A checkpoint saved earlier (GET /v1/audit/checkpoint): the log must extend it.")
    Path trusted;

    @Option(names = "--key", description = "Verifier key (vkey form); repeatable. Default: the keys in the key store.")
    List<String> keys;

    @Override
    public Integer call() throws Exception {
      String trustedText = trusted == null ? null : Files.readString(trusted, StandardCharsets.UTF_8);
      try (ParcelVeil pv = ParcelVeil.open(store.settings(), store.environment())) {
        List<String> vkeys = keys == null || keys.isEmpty() ? pv.audit().verifierKeys() : keys;
        AuditReport report = new AuditVerifier(pv.database().dataSource(), vkeys).verify(trustedText);
        System.out.println(report.ok() ? "VERIFIED" : report.status().name());
        System.out.println("entries:    " + report.treeSize());
        System.out.println("root:       " + report.rootHash());
        System.out.println("checkpoint: " + (report.checkpointSize() < 0 ? "none verified" : "size " + report.checkpointSize()));
        if (report.firstBadIndex() != null) {
          System.out.println("first bad index: " + report.firstBadIndex());
        }
        report.messages().forEach(m -> System.out.println("- " + m));
        return report.exitCode();
      }
    }
  }

  @Command(name = "prove", mixinStandardHelpOptions = true,
      description = "Check a downloaded disclosure history offline (GET /v1/subjects/disclosures, or the answer of "
          + "GET /v1/track/{waybill}?phoneLast4=): the checkpoint's signature by a given key, and each entry's "
          + "inclusion proof. Prints VERIFIED or what failed. Exit 0 verified, 1 failed, 2 could not read the input.")
  static final class Prove implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The downloaded JSON.")
    Path file;

    @Option(names = "--key", description = "The log's verifier key (vkey form, GET /v1/audit/key?all=true); repeatable.")
    List<String> keys;

    @Option(names = "--key-file", description = "A file of verifier keys, one per line.")
    Path keyFile;

    @Option(names = "--witness-vkey", description = "A witness's verifier key (cosignature/v1) the checkpoint must be "
        + "cosigned by; repeatable.")
    List<String> witnessKeys;

    @Option(names = "--witness-quorum", description = "How many of the given witnesses must have cosigned "
        + "(default: all of them).")
    Integer witnessQuorum;

    @Override
    public Integer call() throws Exception {
      List<String> vkeys = new ArrayList<>(keys == null ? List.of() : keys);
      HistoryFile history;
      try {
        if (keyFile != null) {
          Files.readAllLines(keyFile, StandardCharsets.UTF_8).stream().map(String::strip).filter(l -> !l.isEmpty())
              .forEach(vkeys::add);
        }
        history = HistoryFile.read(Files.readString(file, StandardCharsets.UTF_8));
      } catch (IOException | IllegalArgumentException e) {
        System.out.println("ERROR");
        System.out.println("- " + e.getMessage());
        return 2;
      }
      HistoryVerifier verifier;
      try {
        verifier = new HistoryVerifier(vkeys, witnesses());
      } catch (IllegalArgumentException e) {
        System.out.println("ERROR");
        System.out.println("- a verifier key is malformed: " + e.getMessage());
        return 2;
      }
      HistoryVerifier.Result result = verifier.verify(history.checkpoint(), history.claims());
      System.out.println(result.ok() ? "VERIFIED" : "FAILED");
      System.out.println("checkpoint: " + (result.checkpointSize() < 0 ? "not verified" : "size " + result.checkpointSize()));
      System.out.println("entries:    " + result.verified() + " of " + history.claims().size() + " verified");
      result.problems().forEach(m -> System.out.println("- " + m));
      return result.ok() ? 0 : 1;
    }

    /** The quorum of pinned witness keys the checkpoint must carry; none asked for when no key is given. */
    private HistoryVerifier.Cosignatures witnesses() {
      List<VerifierKey> pinned = (witnessKeys == null ? List.<String>of() : witnessKeys).stream()
          .map(k -> VerifierKey.parse(k, VerifierKey.COSIGNATURE_V1)).toList();
      int k = witnessQuorum == null ? pinned.size() : witnessQuorum;
      if (k < 0 || k > pinned.size()) {
        throw new IllegalArgumentException("--witness-quorum must be between 0 and the number of --witness-vkey");
      }
      if (k == 0) {
        return HistoryVerifier.Cosignatures.NONE;
      }
      return note -> {
        int n;
        try {
          n = SignedNote.parse(note).cosignedBy(pinned);
        } catch (IllegalArgumentException e) {
          return "the note cannot be read: " + e.getMessage();
        }
        return n >= k ? null : n + " of the " + k + " witnesses required cosigned it";
      };
    }
  }
}
