package org.parcelveil.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.parcelveil.access.Principals;
import org.parcelveil.identity.Role;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.store.PrivateFiles;

/** On the first start, creates the admin principal and shows its token once. */
final class FirstStart {
  static final String ADMIN_TOKEN_FILE = "admin.token";

  private FirstStart() {}

  static void ensureAdmin(ParcelVeil pv, PrintStream out) throws IOException {
    boolean hasAdmin = pv.principals().all().stream().anyMatch(p -> p.role() == Role.ADMIN && !p.isRevoked());
    if (hasAdmin) {
      return;
    }
    Principals.Created admin = pv.principals().create(null, "admin", "Administrator", null);
    Path file = pv.settings().dataDir().resolve(ADMIN_TOKEN_FILE);
    PrivateFiles.write(file, (admin.token() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    out.println("Created the admin principal " + admin.principal().id() + ". Its token, shown only now:");
    out.println("  " + admin.token());
    out.println("(also written to " + file + ", mode 0600)");
  }
}
