package org.parcelveil.audit;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.parcelveil.keys.KeyStore;
import org.parcelveil.keys.MasterKey;
import org.parcelveil.store.Database;
import org.parcelveil.store.DatabaseSettings;
import org.parcelveil.store.TestDatabases;

/** A fresh main database, key store and audit module on H2 or PostgreSQL, for one test. */
final class AuditFixture implements AutoCloseable {
  static final String ORIGIN = "test.parcelveil.example/audit";

  final DatabaseSettings settings;
  final Database db;
  final Database keysDb;
  final KeyStore keys;
  final AuditModule module;
  private final List<AuditModule> extra = new ArrayList<>();

  private AuditFixture(DatabaseSettings settings, Database db, Database keysDb, KeyStore keys, AuditModule module) {
    this.settings = settings;
    this.db = db;
    this.keysDb = keysDb;
    this.keys = keys;
    this.module = module;
  }

  static AuditFixture open(String kind) {
    DatabaseSettings settings = TestDatabases.fresh(kind);
    Database db = Database.open(settings, "main", 8);
    Database keysDb = Database.open(TestDatabases.fresh(kind), "keys", 2);
    byte[] master = new byte[32];
    new SecureRandom().nextBytes(master);
    KeyStore keys = new KeyStore(keysDb, MasterKey.ofBytes(master, "test"));
    keys.provision();
    AuditModule module = AuditModule.create(db, keys, ORIGIN, Clock.systemUTC(), Duration.ofHours(1));
    return new AuditFixture(settings, db, keysDb, keys, module);
  }

  /** A second node: its own pool on the same main database, the same key store. */
  AuditModule secondNode(Database pool) {
    return AuditModule.create(pool, keys, ORIGIN, Clock.systemUTC(), Duration.ofHours(1));
  }

  /** Another node on the same database and keys whose checkpoints are served only once {@code witnesses} cosign. */
  AuditModule witnessed(WitnessSettings witnesses, Clock clock) {
    AuditModule m = AuditModule.create(db, keys, ORIGIN, clock, Duration.ofHours(1), witnesses);
    extra.add(m);
    return m;
  }

  static AuditRecord reveal(int i) {
    return new AuditRecord("reveal", "pr_" + i, "courier", "PV" + (100000 + i), "recipient", "DELIVERY", null,
        i % 3 == 0 ? AuditRecord.Outcome.REFUSED : AuditRecord.Outcome.ALLOWED, i % 3 == 0 ? "not_assigned" : null);
  }

  List<AuditReceipt> append(int from, int count) {
    List<AuditReceipt> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(module.log().append(reveal(i)));
    }
    return out;
  }

  String publish() {
    return module.publisher().publishNow().orElseThrow();
  }

  AuditVerifier verifier() {
    return new AuditVerifier(db.dataSource(), module.verifierKeys());
  }

  AuditReader reader() {
    return new AuditReader(db.dataSource());
  }

  void sql(String sql, Object... args) {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    extra.forEach(AuditModule::close);
    module.close();
    db.close();
    keysDb.close();
  }
}
