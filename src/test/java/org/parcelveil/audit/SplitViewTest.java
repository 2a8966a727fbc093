package org.parcelveil.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parcelveil.app.MutableClock;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.cli.Main;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.keys.MasterKeySource;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.TestDatabases;
import org.parcelveil.witness.SignedNote;
import org.parcelveil.witness.VerifierKey;

/**
 * A split view: the carrier copies its database (entries, checkpoints and the key store, so both copies sign with the
 * same log key), lets the copies diverge, and shows each witness one fork. Each witness alone cosigns its fork; shown
 * the other fork it refuses and keeps the signed note as evidence, so no fork reaches a quorum of two, and
 * {@code audit verify --trusted} with the other fork's checkpoint names the divergence.
 */
class SplitViewTest {
  private static final String A = "regulator.example/a";
  private static final String B = "consumers.example/b";

  @TempDir
  Path dir;

  private final byte[] master = randomMaster();
  private final List<AutoCloseable> open = new ArrayList<>();
  private final MutableClock clock = new MutableClock();

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  @Test
  void eachWitnessSeesOneFork_refusesTheOther_noForkReachesTheQuorum_andVerifyNamesTheSplit() throws Exception {
    DatabaseSettings fork1 = TestDatabases.freshPostgres();
    String logVkey;
    LoopbackWitnesses witnesses;
    LoopbackWitnesses.Running a;
    LoopbackWitnesses.Running b;
    String shared;

    // One honest history of 10 entries, cosigned by both witnesses (quorum 2).
    try (Node node = Node.open(fork1, master)) {
      logVkey = node.keys();
      witnesses = new LoopbackWitnesses(dir.resolve("witnesses"), logVkey);
      open.add(witnesses);
      a = witnesses.start(A);
      b = witnesses.start(B);
      AuditModule log = node.module(LoopbackWitnesses.settings(2, a, b), clock);
      append(log, "shared", 0, 10);
      log.publisher().publishNow();
      shared = log.publisher().served().orElseThrow();
      assertThat(shared).contains("\n10\n");
      assertThat(SignedNote.parse(shared).cosignedBy(List.of(a.key.verifierKey(), b.key.verifierKey()))).isEqualTo(2);
    }

    // The carrier copies the whole database, key store included: both forks sign with the same log key.
    DatabaseSettings fork2 = copyOf(fork1);
    Node one = Node.open(fork1, master);
    Node two = Node.open(fork2, master);
    open.add(one);
    open.add(two);
    assertThat(two.keys()).isEqualTo(logVkey);

    // Fork 1 goes on with entries that fork 2 never has, and shows its next checkpoint to witness A only.
    AuditModule oneToA = one.module(LoopbackWitnesses.settings(1, a), clock);
    append(oneToA, "fork1", 10, 5);
    oneToA.publisher().publishNow();
    String fork1At15 = oneToA.publisher().served().orElseThrow();
    assertThat(fork1At15).contains("\n15\n");
    assertThat(a.witness.cosignedSize(AuditFixture.ORIGIN)).isEqualTo(15);

    // Fork 2 appends other entries and shows its checkpoint to witness B only. Each witness alone is fooled.
    AuditModule twoToB = two.module(LoopbackWitnesses.settings(1, b), clock);
    append(twoToB, "fork2", 10, 8);
    twoToB.publisher().publishNow();
    String fork2At18 = twoToB.publisher().served().orElseThrow();
    assertThat(fork2At18).contains("\n18\n");
    assertThat(b.witness.cosignedSize(AuditFixture.ORIGIN)).isEqualTo(18);
    assertThat(SignedNote.parse(fork2At18).cosignedBy(List.of(b.key.verifierKey()))).isEqualTo(1);

    // Now each fork, grown to 20, asks both witnesses for the quorum of two.
    AuditModule oneToBoth = one.module(LoopbackWitnesses.settings(2, a, b), clock);
    List<String> oneAlarms = new ArrayList<>();
    oneToBoth.publisher().onWitnessAlarm(oneAlarms::add);
    append(oneToBoth, "fork1", 15, 5);
    oneToBoth.publisher().publishNow();
    String fork1At20 = oneToBoth.publisher().latest().orElseThrow();
    assertThat(fork1At20).contains("\n20\n");
    // A cosigns (20 extends its 15); B holds fork 2's 18, and fork 1's proof from 18 fails against it.
    assertThat(a.witness.cosignedSize(AuditFixture.ORIGIN)).isEqualTo(20);
    assertThat(b.witness.cosignedSize(AuditFixture.ORIGIN)).as("B refused fork 1").isEqualTo(18);
    assertThat(oneAlarms).singleElement().asString()
        .contains("audit checkpoint 20 has 1 of 2 cosignatures")
        .contains(B + ": 422: the consistency proof does not verify");
    assertNoQuorumBeyondShared(oneToBoth, shared, a, b);
    assertThat(evidence(b)).as("B keeps fork 1's signed checkpoint").containsExactly(fork1At20);

    AuditModule twoToBoth = two.module(LoopbackWitnesses.settings(2, a, b), clock);
    List<String> twoAlarms = new ArrayList<>();
    twoToBoth.publisher().onWitnessAlarm(twoAlarms::add);
    append(twoToBoth, "fork2", 18, 2);
    twoToBoth.publisher().publishNow();
    String fork2At20 = twoToBoth.publisher().latest().orElseThrow();
    assertThat(fork2At20).contains("\n20\n").isNotEqualTo(fork1At20);
    // B cosigns (20 extends its 18); A cosigned fork 1's 20, another root for the same size: a fork.
    assertThat(b.witness.cosignedSize(AuditFixture.ORIGIN)).isEqualTo(20);
    assertThat(twoAlarms).singleElement().asString()
        .contains("audit checkpoint 20 has 1 of 2 cosignatures")
        .contains(A + ": 409: this witness cosigned another root for that size");
    assertNoQuorumBeyondShared(twoToBoth, shared, a, b);
    assertThat(evidence(a)).as("A keeps fork 2's signed checkpoint").containsExactly(fork2At20);
    // The two pieces of evidence, signed by the same log key for the same size, prove the split to anyone.
    assertThat(SignedNote.parse(evidence(a).get(0)).text()).isNotEqualTo(SignedNote.parse(fork1At20).text());

    // Asked again, neither witness changes its mind.
    oneToBoth.publisher().publishNow();
    twoToBoth.publisher().publishNow();
    assertNoQuorumBeyondShared(oneToBoth, shared, a, b);
    assertNoQuorumBeyondShared(twoToBoth, shared, a, b);

    // Whoever holds B's view (fork 2's checkpoint that B cosigned) checks fork 1's database: the split is named.
    Path trusted = Files.writeString(dir.resolve("fork2-checkpoint.txt"), fork2At18, StandardCharsets.UTF_8);
    Cli diverged = verify(fork1, trusted, logVkey);
    assertThat(diverged.code).as(diverged.out).isEqualTo(1);
    assertThat(diverged.out).containsPattern("(?m)^FAILED$")
        .contains("the log does not extend the trusted checkpoint of size 18")
        .contains("split view: the log's key signed a tree of size 18")
        .contains("this log's last checkpoint below that size is of size 15")
        .contains("the trusted note is also signed by " + B);

    // The same command with fork 1's own cosigned checkpoint, or the shared one, verifies: it is the fork that fails.
    Path own = Files.writeString(dir.resolve("fork1-checkpoint.txt"), fork1At15, StandardCharsets.UTF_8);
    Cli honest = verify(fork1, own, logVkey);
    assertThat(honest.code).as(honest.out).isZero();
    assertThat(honest.out).containsPattern("(?m)^VERIFIED$").doesNotContain("split view");

    // Fork 2's own signed checkpoint of size 20, checked against fork 1: same size, two roots, both signed.
    AuditReport sameSize = new AuditVerifier(one.db.dataSource(), List.of(logVkey)).verify(fork2At20);
    assertThat(sameSize.exitCode()).isEqualTo(1);
    assertThat(String.join("\n", sameSize.messages()))
        .contains("split view: the log's key signed a tree of size 20")
        .contains("this log published its own checkpoint of that size");
    assertThat(new AuditVerifier(two.db.dataSource(), List.of(logVkey)).verify(shared).exitCode())
        .as("both forks extend the shared checkpoint").isZero();
  }

  /** The node, which requires A and B, serves nothing newer than the shared checkpoint both witnesses cosigned. */
  private static void assertNoQuorumBeyondShared(AuditModule node, String shared, LoopbackWitnesses.Running a,
      LoopbackWitnesses.Running b) {
    String served = node.publisher().served().orElseThrow();
    assertThat(served).as("the quorum of 2 was reached by no fork after the split").isEqualTo(shared);
    List<VerifierKey> both = List.of(a.key.verifierKey(), b.key.verifierKey());
    assertThat(SignedNote.parse(served).cosignedBy(both)).isEqualTo(2);
  }

  private static void append(AuditModule log, String fork, int from, int count) {
    for (int i = from; i < from + count; i++) {
      log.log().append(new AuditRecord("reveal", "pr_" + fork + "_" + i, "courier", "PV" + (100000 + i), "recipient",
          "DELIVERY", null, AuditRecord.Outcome.ALLOWED, null));
    }
  }

  /** The signed notes a witness kept as evidence of the log's misbehaviour. */
  private static List<String> evidence(LoopbackWitnesses.Running w) throws IOException {
    Path kept = w.dataDir.resolve("evidence");
    try (Stream<Path> files = Files.list(kept)) {
      List<String> out = new ArrayList<>();
      for (Path f : files.sorted().toList()) {
        out.add(Files.readString(f, StandardCharsets.UTF_8));
      }
      return out;
    }
  }

  /** A second database made from the first, as it is now (no session may be open on the first meanwhile). */
  private static DatabaseSettings copyOf(DatabaseSettings original) throws SQLException {
    DatabaseSettings copy = TestDatabases.freshPostgres();
    String from = databaseName(original);
    String to = databaseName(copy);
    String admin = original.url().replace("/" + from + "?", "/postgres?");
    try (Connection c = DriverManager.getConnection(admin, original.user(), original.password());
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE " + to);
      s.execute("CREATE DATABASE " + to + " TEMPLATE " + from);
    }
    return copy;
  }

  private static String databaseName(DatabaseSettings settings) {
    String url = settings.url();
    int end = url.indexOf('?');
    String path = end < 0 ? url : url.substring(0, end);
    String name = path.substring(path.lastIndexOf('/') + 1);
    assertThat(name).matches("[a-z0-9_]+");
    return name;
  }

  private record Cli(int code, String out) {}

  /** {@code parcelveil audit verify --db-url <fork> --trusted FILE --key VKEY}, as a regulator runs it. */
  private Cli verify(DatabaseSettings fork, Path trusted, String logVkey) {
    PrintStream saved = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = Main.run(Map.of(MasterKeySource.ENV, Base64.getEncoder().encodeToString(master)), "audit", "verify",
          "--data", dir.resolve("cli-data").toString(), "--db-url", fork.url(), "--db-user", fork.user(),
          "--trusted", trusted.toString(), "--key", logVkey);
    } finally {
      System.setOut(saved);
    }
    return new Cli(code, buffer.toString(StandardCharsets.UTF_8));
  }

  private static byte[] randomMaster() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /** A node on one copy of the database: its pools, the key store in its own schema there, its audit modules. */
  private static final class Node implements AutoCloseable {
    final Database db;
    final Database keysDb;
    final KeyStore keyStore;
    private final List<AuditModule> modules = new ArrayList<>();

    private Node(Database db, Database keysDb, KeyStore keyStore) {
      this.db = db;
      this.keysDb = keysDb;
      this.keyStore = keyStore;
    }

    static Node open(DatabaseSettings settings, byte[] master) {
      Database db = Database.open(settings, "main", 4);
      Database keysDb = Database.open(settings, "keys", ParcelVeil.KEY_SCHEMA, 2);
      KeyStore keys = new KeyStore(keysDb, MasterKey.ofBytes(master, "test"));
      keys.provision();
      return new Node(db, keysDb, keys);
    }

    AuditModule module(WitnessSettings witnesses, java.time.Clock clock) {
      AuditModule m = AuditModule.create(db, keyStore, AuditFixture.ORIGIN, clock, Duration.ofHours(1), witnesses);
      modules.add(m);
      return m;
    }

    /** The log's verifier key (the current signing key's). */
    String keys() {
      if (modules.isEmpty()) {
        module(WitnessSettings.NONE, java.time.Clock.systemUTC());
      }
      return modules.get(0).verifierKeys().get(0);
    }

    @Override
    public void close() {
      modules.forEach(AuditModule::close);
      keysDb.close();
      db.close();
    }
  }
}
