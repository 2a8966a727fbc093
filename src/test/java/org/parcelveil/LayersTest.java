package org.parcelveil;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package layering of docs/layers.md, checked on the compiled product classes (tests excluded). */
class LayersTest {
  private static JavaClasses product;

  @BeforeAll
  static void importProduct() {
    product = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("org.parcelveil");
  }

  @Test
  void topLevelPackages_haveNoCycles() {
    slices().matching("org.parcelveil.(*)..").should().beFreeOfCycles().check(product);
  }

  @Test
  void http_dependsOnNoFeature() {
    classes().that().resideInAPackage("org.parcelveil.http..")
        .should().onlyDependOnClassesThat(resideOutsideOfPackage("org.parcelveil..")
            .or(resideInAnyPackage("org.parcelveil.http..", "org.parcelveil.identity..", "org.parcelveil.store..",
                "org.parcelveil.validation..")))
        .check(product);
  }

  @Test
  void identityAndAccessEvents_dependOnNoFeature() {
    classes().that().resideInAnyPackage("org.parcelveil.identity..", "org.parcelveil.observe..")
        .should().onlyDependOnClassesThat(not(resideInAnyPackage("org.parcelveil..")
            .and(not(resideInAnyPackage("org.parcelveil.identity..", "org.parcelveil.observe..")))))
        .check(product);
  }
}
