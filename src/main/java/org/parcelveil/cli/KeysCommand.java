package org.parcelveil.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.keys.KeyVersion;
import org.parcelveil.rotation.KeyRotation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parcelveil keys}: list, rotate and retire keys; re-index blind indexes. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Key management.",
    subcommands = {KeysCommand.Rotate.class, KeysCommand.ListKeys.class, KeysCommand.Retire.class})
final class KeysCommand implements Runnable {
  static final String ACTOR = "cli";

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "rotate", mixinStandardHelpOptions = true,
      description = "Add a new version of the named keys and make it current; old versions keep working. Running "
          + "services take new versions up within their refresh interval (10 s). Each rotation is audit-logged.")
  static final class Rotate implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--waybill", description = "New waybill numbers under a new key; old numbers still decode.")
    boolean waybill;

    @Option(names = "--blind-index", description = "New phone blind-index key; old rows are re-indexed in the background.")
    boolean blindIndex;

    @Option(names = "--qr", description = "New QR token key; labels printed before still scan.")
    boolean qr;

    @Option(names = "--audit", description = "New audit-log signing key; old checkpoints still verify.")
    boolean audit;

    @Option(names = "--intake", description = "New intake key for sealed recipients; the old one opens blobs for "
        + "30 more days.")
    boolean intake;

    @Option(names = "--master", description = "Re-wrap every key under a new master key, in one transaction.")
    boolean master;

    @Option(names = "--new-master-key-file", description = "With --master: the new key (base64 of 32 bytes); "
        + "created with mode 0600 if missing. Default: DIR/master.key.new, installed as DIR/master.key afterwards.")
    Path newMasterKeyFile;

    @Option(names = "--new-master-key-uri", description = "With --master: move the master key into this KMS key.")
    String newMasterKeyUri;

    @Override
    public Integer call() {
      if (!(waybill || blindIndex || qr || audit || intake || master)) {
        System.err.println("parcelveil: name the keys to rotate: --waybill, --blind-index, --qr, --audit, --intake, --master");
        return 2;
      }
      if (!master && (newMasterKeyFile != null || newMasterKeyUri != null)) {
        System.err.println("parcelveil: --new-master-key-file and --new-master-key-uri go with --master");
        return 2;
      }
      MasterKeyRotation masterStep = master
          ? new MasterKeyRotation(store.settings(), store.environment(), newMasterKeyFile, newMasterKeyUri) : null;
      if (masterStep != null && masterStep.finishIfCommitted(System.out)) {
        return 0;
      }
      try (ParcelVeil pv = ParcelVeil.open(store.settings(), store.environment())) {
        KeyRotation rotation = pv.keyRotation();
        List<KeyRotation.Done> done = new ArrayList<>();
        if (waybill) {
          done.add(rotation.waybill(ACTOR));
        }
        if (blindIndex) {
          done.add(rotation.blindIndex(ACTOR));
        }
        if (qr) {
          done.add(rotation.qr(ACTOR));
        }
        if (audit) {
          done.add(rotation.auditSigning(ACTOR));
        }
        if (intake) {
          done.add(rotation.intake(ACTOR));
        }
        done.forEach(d -> System.out.println("rotated " + d.key() + " to v" + d.version() + ": " + d.detail()));
        if (masterStep != null) {
          masterStep.rotate(pv, System.out);
        }
      }
      if (masterStep != null) {
        masterStep.install(System.out);
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List key versions (never their material), the master-key generation and bucket keys.")
  static final class ListKeys implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Override
    public Integer call() {
      try (ParcelVeil pv = ParcelVeil.open(store.settings(), store.environment())) {
        System.out.println("master key: generation " + pv.keys().masterGeneration() + ", from "
            + pv.keys().masterSource());
        for (KeyVersion v : pv.keys().versions()) {
          System.out.printf("%-16s v%-3d %-10s %-9s gen %d%s%n", v.name(), v.version(), v.kind(), v.state(),
              v.masterGeneration(), v.params() == null ? "" : "  " + v.params());
        }
        System.out.println("live retention-bucket keys: " + pv.keys().liveBucketsBefore(LocalDate.MAX).size());
        return 0;
      }
    }
  }

  @Command(name = "retire", mixinStandardHelpOptions = true,
      description = "Re-index what is left, then destroy every blind-index version but the newest. Refuses while "
          + "rows remain under an old version, unless --force (such rows can then no longer be found by phone).")
  static final class Retire implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--blind-index", required = true, description = "Retire old blind-index versions.")
    boolean blindIndex;

    @Option(names = "--force", description = "Retire even if rows remain under an old version.")
    boolean force;

    @Override
    public Integer call() {
      try (ParcelVeil pv = ParcelVeil.open(store.settings(), store.environment())) {
        List<KeyRotation.Done> done = pv.keyRotation().retireBlindIndex(ACTOR, force);
        done.forEach(d -> System.out.println("retired " + d.key() + " v" + d.version() + ": " + d.detail()));
        System.out.println(done.isEmpty() ? "nothing to retire" : "retired " + done.size() + " versions");
        return 0;
      } catch (IllegalStateException e) {
        System.err.println("parcelveil: " + e.getMessage());
        return 1;
      }
    }
  }
}
