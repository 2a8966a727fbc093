package org.parcelveil.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;

/**
 * Each owned table is read and written only by its package: no class elsewhere holds SQL that names it. The SQL is
 * found in the string constants of each class file (string concatenations of constants are folded by the compiler, and
 * the fixed parts of the others are constants too), so what a class sends to the database is what is checked, not
 * its comments.
 */
class TableOwnershipTest {
  /** Table to the package that owns it (sub-packages included). Add a table here when its feature owns it. */
  static final Map<String, String> OWNERS = Map.of(
      "shipments", "org.parcelveil.shipment",
      "shipment_events", "org.parcelveil.shipment",
      "idempotency_keys", "org.parcelveil.shipment",
      "audit_entries", "org.parcelveil.audit",
      "audit_head", "org.parcelveil.audit",
      "audit_checkpoints", "org.parcelveil.audit",
      "audit_keys", "org.parcelveil.audit");

  private static JavaClasses classes;

  @BeforeAll
  static void importMain() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.parcelveil");
  }

  @Test
  void everyOwnedTable_isNamedInSqlOnlyByItsPackage() {
    List<String> violations = new ArrayList<>();
    for (JavaClass c : classes) {
      List<String> constants = stringConstants(c);
      OWNERS.forEach((table, owner) -> {
        if (inside(c.getPackageName(), owner)) {
          return;
        }
        Pattern named = naming(table);
        constants.stream().filter(s -> named.matcher(s).find()).findFirst()
            .ifPresent(s -> violations.add(c.getName() + " names " + table + " (owned by " + owner + ")"));
      });
    }
    assertThat(new TreeSet<>(violations)).isEmpty();
  }

  @Test
  void theRule_seesSqlInClassFiles() {
    // Guards the check itself: the owners' own classes must be found naming their tables.
    TreeSet<String> seen = new TreeSet<>();
    for (JavaClass c : classes) {
      List<String> constants = stringConstants(c);
      OWNERS.forEach((table, owner) -> {
        if (constants.stream().anyMatch(s -> naming(table).matcher(s).find())) {
          seen.add(table);
        }
      });
    }
    assertThat(seen).containsAll(OWNERS.keySet());
  }

  static Pattern naming(String table) {
    return Pattern.compile("\\b(FROM|JOIN|INTO|UPDATE|TABLE)\\s+" + Pattern.quote(table) + "\\b",
        Pattern.CASE_INSENSITIVE);
  }

  private static boolean inside(String pkg, String owner) {
    return pkg.equals(owner) || pkg.startsWith(owner + ".");
  }

  /** Every CONSTANT_String of the class file: literals, folded concatenations and concatenation recipes. */
  private static List<String> stringConstants(JavaClass c) {
    String resource = c.getName().replace('.', '/') + ".class";
    try (InputStream in = TableOwnershipTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        return List.of();
      }
      ClassReader reader = new ClassReader(in);
      char[] buffer = new char[reader.getMaxStringLength()];
      List<String> out = new ArrayList<>();
      for (int i = 1; i < reader.getItemCount(); i++) {
        int offset = reader.getItem(i);
        if (offset > 0 && reader.readByte(offset - 1) == 8) { // CONSTANT_String
          out.add((String) reader.readConst(i, buffer));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
