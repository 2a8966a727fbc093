package org.parcelveil.audit;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.parcelveil.witness.VerifierKey;
import org.parcelveil.witness.Witness;
import org.parcelveil.witness.WitnessKey;
import org.parcelveil.witness.WitnessServer;

/** Real witnesses for one log, each a {@link Witness} behind its HTTP server on loopback, port 0. */
final class LoopbackWitnesses implements AutoCloseable {
  private final Path dir;
  private final VerifierKey logKey;
  private final List<Running> running = new ArrayList<>();

  /** One witness: its key, its state and the server in front of it (restartable on the same port). */
  static final class Running {
    final WitnessKey key;
    final Witness witness;
    final Path dataDir;
    WitnessServer server;
    final int port;

    Running(WitnessKey key, Witness witness, Path dataDir, WitnessServer server) {
      this.key = key;
      this.witness = witness;
      this.dataDir = dataDir;
      this.server = server;
      this.port = server.port();
    }

    String url() {
      return "http://127.0.0.1:" + port;
    }

    String vkey() {
      return key.verifierKey().vkey();
    }

    void stop() {
      server.close();
    }

    void restart() {
      server = new WitnessServer(witness, "127.0.0.1", port).start();
    }
  }

  LoopbackWitnesses(Path dir, String logVkey) {
    this.dir = dir;
    this.logKey = VerifierKey.parse(logVkey, VerifierKey.ED25519);
  }

  Running start(String name) {
    WitnessKey key = WitnessKey.loadOrCreate(dir.resolve(name.replace('/', '_') + ".key"), name);
    Path data = dir.resolve(name.replace('/', '_'));
    Witness witness = new Witness(key, List.of(logKey), data, Clock.systemUTC());
    Running r = new Running(key, witness, data, new WitnessServer(witness, "127.0.0.1", 0).start());
    running.add(r);
    return r;
  }

  /** Settings naming {@code witnesses} in order, with quorum {@code k}. */
  static WitnessSettings settings(int k, Running... witnesses) {
    List<String> urls = new ArrayList<>();
    List<String> vkeys = new ArrayList<>();
    for (Running r : witnesses) {
      urls.add(r.url());
      vkeys.add(r.vkey());
    }
    return new WitnessSettings(urls, vkeys, k);
  }

  @Override
  public void close() {
    for (Running r : running) {
      r.server.close();
      r.witness.close();
    }
  }
}
