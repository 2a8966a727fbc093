package org.parcelveil.demo;

import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parcelveil.identity.Principal;
import org.parcelveil.identity.Role;
import org.parcelveil.app.ParcelVeil;
import org.parcelveil.web.session.Accounts;
import org.parcelveil.web.session.Passwords;

/**
 * Console sign-ins for the demo's people: each gets its handle as sign-in name (the admin gets {@code admin}), all
 * share one random password made for this data directory, and admin and security get an enabled second factor.
 * Everything goes into the demo's tokens file only (mode 0600), never to the output or the log. Demo only: real
 * people set their own password through a one-time link.
 */
final class DemoLogins {
  static final String ADMIN_HANDLE = "admin";
  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private final ParcelVeil pv;
  private final Accounts accounts;

  DemoLogins(ParcelVeil pv) {
    this.pv = pv;
    this.accounts = Accounts.create(pv.database().dataSource(), pv.principals(), pv.keys(), pv.auditLog(),
        Passwords.standard(), pv.clock());
  }

  /** The people of {@code demo} with sign-ins added; machines (the platform) and revoked principals keep none. */
  Map<String, DemoData.DemoPrincipal> add(Map<String, DemoData.DemoPrincipal> demo) {
    String password = password();
    Map<String, DemoData.DemoPrincipal> out = new LinkedHashMap<>();
    firstAdmin().ifPresent(a -> out.put(ADMIN_HANDLE,
        new DemoData.DemoPrincipal(a.id(), Role.ADMIN.wireName(), a.name(), null, null)));
    out.putAll(demo);
    out.replaceAll((handle, p) -> login(handle, p, password));
    return out;
  }

  private DemoData.DemoPrincipal login(String handle, DemoData.DemoPrincipal p, String password) {
    Optional<Principal> found = pv.principals().find(p.id()).filter(x -> !x.isRevoked());
    // Machines never sign in, and a person who set a password already keeps it.
    if (found.isEmpty() || !Accounts.isPerson(found.get().role()) || accounts.loginOf(p.id()).isPresent()) {
      return p;
    }
    Accounts.DemoLogin login = accounts.provisionDemo(p.id(), handle.toLowerCase(Locale.ROOT),
        password.toCharArray());
    return p.withConsole(login.login(), password, login.secondFactor().map(Accounts.Enrolment::secret).orElse(null),
        login.secondFactor().map(Accounts.Enrolment::uri).orElse(null));
  }

  private Optional<Principal> firstAdmin() {
    return pv.principals().all().stream().filter(p -> p.role() == Role.ADMIN && !p.isRevoked()).findFirst();
  }

  /** 20 characters from a 32-letter alphabet without look-alikes: 100 bits, easy to type from the file. */
  private static String password() {
    SecureRandom random = new SecureRandom();
    StringBuilder b = new StringBuilder("demo-");
    for (int i = 0; i < 20; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
