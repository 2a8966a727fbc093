package org.parcelveil.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.parcelveil.witness.VerifierKey;
import org.parcelveil.witness.Witness;
import org.parcelveil.witness.WitnessKey;
import org.parcelveil.witness.WitnessServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code parcelveil witness serve}: an independent witness that cosigns the logs it is told to watch. */
@Command(name = "witness", mixinStandardHelpOptions = true, description = "A transparency-log witness (docs/witness.md).",
    subcommands = WitnessCommand.Serve.class)
final class WitnessCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  @Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
      description = "Serve the C2SP tlog-witness add-checkpoint endpoint for the given logs. Needs no database.")
  static final class Serve implements Callable<Integer> {
    @Option(names = "--key", required = true, paramLabel = "FILE",
        description = "The witness's private key; created (mode 0600) on first start. Its verifier key goes to FILE.vkey.")
    Path key;

    @Option(names = "--log", required = true, paramLabel = "VKEY",
        description = "A log's verifier key (<origin>+<id>+<key>, GET /v1/audit/key); repeatable.")
    List<String> logs;

    @Option(names = "--name", paramLabel = "NAME",
        description = "The witness's name, for a new key (default: <host name>/witness).")
    String name;

    @Option(names = "--port", defaultValue = "7380", description = "Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
        description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
    String host;

    @Option(names = "--data", defaultValue = "witness-data", paramLabel = "DIR",
        description = "Where the witness keeps what it cosigned. Default: ./${DEFAULT-VALUE}.")
    Path data;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      List<VerifierKey> logKeys;
      try {
        logKeys = logs.stream().map(v -> VerifierKey.parse(v, VerifierKey.ED25519)).toList();
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), "--log: " + e.getMessage());
      }
      WitnessKey witnessKey = WitnessKey.loadOrCreate(key, name == null && !key.toFile().exists() ? defaultName() : name);
      Witness witness = new Witness(witnessKey, logKeys, data, Clock.systemUTC());
      WitnessServer server = new WitnessServer(witness, host, port).start();
      System.out.println("witness key: " + witnessKey.verifierKey().vkey());
      System.out.println("Witness " + witnessKey.name() + " listening on "
          + ServeCommand.listening(host, server.port()) + " for " + logKeys.size() + " log key(s) (state: "
          + data.toAbsolutePath() + ")");
      CountDownLatch stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        witness.close();
        stopped.countDown();
      }, "shutdown"));
      stopped.await();
      return 0;
    }

    private static String defaultName() {
      try {
        return InetAddress.getLocalHost().getHostName() + "/witness";
      } catch (UnknownHostException e) {
        return "localhost/witness";
      }
    }
  }
}
