package org.parcelveil.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.audit.AuditReport;
import org.parcelveil.audit.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parcelveil audit verify}: recomputes the log and checks it against its checkpoints. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Audit log tools.",
    subcommands = AuditCommand.Verify.class)
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
}
