package org.parcelveil.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.demo.DemoData;
import org.parcelveil.http.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parcelveil serve}: runs the HTTP service until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the HTTP service.",
    sortOptions = false, abbreviateSynopsis = true)
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin
  StoreOptions store;

  @Option(names = "--demo", description = "Seed a small demo network and shipments (once) and write their tokens.")
  boolean demo;

  /** The settings the flags, environment and config file give. */
  Settings settings() {
    return store.settings();
  }

  @Override
  public Integer call() throws Exception {
    Settings settings = settings();
    ParcelVeil pv = ParcelVeil.open(settings, store.environment());
    FirstStart.ensureAdmin(pv, System.out);
    if (demo) {
      Path tokens = new DemoData(pv).seedOnce(settings.dataDir());
      // The file holds the demo's API tokens and console passwords: say where, never what.
      System.out.println("Demo network ready; API tokens and console sign-ins in " + tokens
          + " (see docs/console.md, \"The demo\")");
    }
    HttpServer server = pv.serve();
    System.out.println("ParcelVeil listening on " + listening(settings.http().host(), server.port()) + "  (data: "
        + settings.dataDir().toAbsolutePath() + ")");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      pv.close();
      stopped.countDown();
    }, "shutdown"));
    stopped.await();
    return 0;
  }

  /** Where it listens, said as it is: loopback is this machine only, and how to listen wider. */
  static String listening(String host, int port) {
    boolean everywhere = host.equals("0.0.0.0") || host.equals("::");
    String shown = host.contains(":") ? "[" + host + "]" : host;
    String url = "http://" + (everywhere ? "localhost" : shown) + ":" + port + "/";
    if (everywhere) {
      return url + " on every interface (" + host + ")";
    }
    return isLoopback(host) ? url + " (this machine only; --host 0.0.0.0 listens on every interface)" : url;
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
  }
}
