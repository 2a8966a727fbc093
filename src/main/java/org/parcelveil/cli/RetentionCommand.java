package org.parcelveil.cli;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.retention.Shredder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parcelveil retention run}: crypto-shreds every retention bucket whose day has passed. */
@Command(name = "retention", mixinStandardHelpOptions = true, description = "Retention tools.",
    subcommands = RetentionCommand.Run.class)
final class RetentionCommand implements Runnable {
  @Override
  public void run() {
    new picocli.CommandLine(this).usage(System.out);
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "Destroy the keys of retention buckets whose day has passed and mark their shipments shredded. "
          + "Safe to run again: a run stopped half-way is completed by the next.")
  static final class Run implements Callable<Integer> {
    @Mixin
    StoreOptions store;

    @Option(names = "--now", description = "Act as if it were this time (RFC 3339), e.g. for tests.")
    Instant now;

    @Override
    public Integer call() {
      try (ParcelVeil pv = ParcelVeil.open(store.settings(), store.environment())) {
        List<Shredder.Shredded> done = pv.shredder().run(now != null ? now : pv.clock().instant());
        done.forEach(s -> System.out.println("shredded bucket " + s.day() + ": " + s.shipments() + " shipments"));
        System.out.println(done.isEmpty() ? "nothing to shred" : "shredded " + done.size() + " buckets");
        return 0;
      }
    }
  }
}
