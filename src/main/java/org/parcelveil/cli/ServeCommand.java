package org.parcelveil.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.app.Settings;
import org.parcelveil.demo.DemoData;
import org.parcelveil.http.HttpServer;
import org.parcelveil.http.HttpSettings;
import org.parcelveil.tracking.Budget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code parcelveil serve}: runs the HTTP service until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the HTTP service.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin
  StoreOptions store;

  @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks one).")
  int port;

  @Option(names = "--host", defaultValue = Settings.DEFAULT_HOST,
      description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
  String host;

  @Option(names = "--max-body", defaultValue = "16777216", description = "Largest request body in bytes.")
  long maxBody;

  @Option(names = "--track-lookups-per-hour", defaultValue = "300",
      description = "Public tracking look-ups per client per hour, per node (default: ${DEFAULT-VALUE}).")
  int trackLookups;

  @Option(names = "--track-misses-per-hour", defaultValue = "20",
      description = "Unknown numbers and wrong phone digits per client per hour, per node (default: ${DEFAULT-VALUE}).")
  int trackMisses;

  @Option(names = "--trusted-proxy-header",
      description = "Header with the client address set by a trusted reverse proxy, e.g. X-Forwarded-For (default: none).")
  String trustedProxyHeader;

  @Option(names = "--verifications-per-minute", defaultValue = "6000",
      description = "Marketplace verifications per platform per minute, per node (default: ${DEFAULT-VALUE}).")
  int verificationsPerMinute;

  @Option(names = "--demo", description = "Seed a small demo network and shipments (once) and write their tokens.")
  boolean demo;

  /** The settings these options give. */
  Settings settings() {
    Settings settings = store.settings().withHttp(new HttpSettings(host, port, maxBody));
    return settings.withTracking(settings.tracking().withLookups(Budget.perHour(trackLookups))
        .withMisses(Budget.perHour(trackMisses)).withTrustedProxyHeader(trustedProxyHeader))
        .withVerification(settings.verification().withPerPlatform(Budget.perMinute(verificationsPerMinute)));
  }

  @Override
  public Integer call() throws Exception {
    Settings settings = settings();
    ParcelVeil pv = ParcelVeil.open(settings, System.getenv());
    FirstStart.ensureAdmin(pv, System.out);
    if (demo) {
      Path tokens = new DemoData(pv).seedOnce(settings.dataDir());
      // The file holds the demo's API tokens and console passwords: say where, never what.
      System.out.println("Demo network ready; API tokens and console sign-ins in " + tokens
          + " (see docs/console.md, \"The demo\")");
    }
    HttpServer server = pv.serve();
    System.out.println("ParcelVeil listening on " + listening(host, server.port()) + "  (data: "
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
