package org.countersign.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import com.tngtech.archunit.library.dependencies.SlicesRuleDefinition;
import org.junit.jupiter.api.Test;

/**
 * The arrows of {@code docs/architecture.md}, checked over the production classes of every module
 * on this module's test class path (the CLI depends, directly or not, on all of them).
 *
 * <pre>
 * log        knows nothing of the other modules (and uses only the JDK)
 * crypto     knows log only (and BouncyCastle)
 * witness    knows log and crypto only
 * objectstore knows log only (and the AWS SDK); the server reaches it, never the reverse
 * store      knows log only: nothing of treaty, server, witness
 * treaty     knows log only: nothing of server, store, witness, HTTP, Javalin, JDBC
 * stability  knows treaty and log only
 * server     never the CLI
 * cli        the offline verifier never touches the server or the store; only serve and demo may
 * all        no cycle between packages
 * </pre>
 *
 * A module not on the class path yet (a rule about {@code countersign-stability} before it exists)
 * passes vacuously rather than failing, so that the rule is in place when the module arrives.
 */
class ArchitectureTest {
  static final JavaClasses PRODUCTION =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          // Under `verify` the other modules arrive as jars, not class folders: keep our jars
          // (importPackages already limits the import to org.countersign), but not test-jars.
          .withImportOption(location -> !location.isJar() || !location.contains("-tests.jar"))
          .importPackages("org.countersign");

  static final String LOG = "org.countersign.log..";
  static final String CRYPTO = "org.countersign.crypto..";
  static final String TREATY = "org.countersign.treaty..";
  static final String STORE = "org.countersign.store..";
  static final String WITNESS = "org.countersign.witness..";
  static final String SERVER = "org.countersign.server..";
  static final String CLI = "org.countersign.cli..";
  static final String STABILITY = "org.countersign.stability..";
  static final String BENCH = "org.countersign.bench..";
  static final String TESTING = "org.countersign.testing..";
  static final String OBJECTSTORE = "org.countersign.objectstore..";

  /** HTTP servers and clients, and databases: what the pure modules must not reach for. */
  static final String[] IO_FRAMEWORKS = {
    "io.javalin..",
    "org.eclipse.jetty..",
    "jakarta.servlet..",
    "java.net.http..",
    "com.sun.net.httpserver..",
    "java.sql..",
    "javax.sql..",
    "org.sqlite..",
    "org.postgresql..",
    "com.zaxxer.hikari..",
  };

  static void check(ArchRule rule) {
    rule.allowEmptyShould(true).check(PRODUCTION);
  }

  @Test
  void importsEveryModule() {
    // Guards against a rule passing because the classes were never imported.
    for (String pkg :
        new String[] {
          "org.countersign.log",
          "org.countersign.crypto",
          "org.countersign.treaty",
          "org.countersign.store",
          "org.countersign.witness",
          "org.countersign.server",
          "org.countersign.cli",
          "org.countersign.stability",
          "org.countersign.objectstore"
        }) {
      if (PRODUCTION.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))) {
        throw new AssertionError("no production class of " + pkg + " was imported");
      }
    }
  }

  @Test
  void log_usesOnlyTheJdk() {
    check(
        classes()
            .that()
            .resideInAPackage(LOG)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.crypto..", LOG, "org.jspecify.annotations..")
            .because("countersign-log is the JDK-only core every other module builds on"));
  }

  @Test
  void crypto_knowsOnlyTheLog() {
    check(
        classes()
            .that()
            .resideInAPackage(CRYPTO)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                "java..", CRYPTO, LOG, "org.bouncycastle..", "org.jspecify.annotations..")
            .because("the fenced verifier is shared by the server, the witness and the audit"));
  }

  @Test
  void witness_knowsOnlyTheLog() {
    check(
        noClasses()
            .that()
            .resideInAPackage(WITNESS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(TREATY, STORE, SERVER, CLI, STABILITY, BENCH, OBJECTSTORE));
  }

  @Test
  void objectstore_knowsOnlyTheLog() {
    check(
        noClasses()
            .that()
            .resideInAPackage(OBJECTSTORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(CRYPTO, TREATY, STORE, WITNESS, SERVER, CLI, STABILITY, BENCH)
            .because(
                "the bucket mirror reads the log through LogSource, which the server gives it"));
    check(
        noClasses()
            .that()
            .resideOutsideOfPackages(OBJECTSTORE)
            .should()
            .dependOnClassesThat()
            .resideInAPackage("software.amazon.awssdk..")
            .because("the AWS SDK stays behind ObjectBucket, in countersign-objectstore"));
  }

  @Test
  void store_knowsNothingOfTreatiesOrTheServer() {
    check(
        noClasses()
            .that()
            .resideInAPackage(STORE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(TREATY, SERVER, WITNESS, CLI, STABILITY, BENCH)
            .because("the store persists bytes the sequencer computed"));
  }

  @Test
  void treaty_knowsNothingOfServersStorageOrHttp() {
    check(
        noClasses()
            .that()
            .resideInAPackage(TREATY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SERVER, STORE, WITNESS, CLI, STABILITY, BENCH)
            .because("the protocol and the compliance engine must run without the server"));
    check(
        noClasses()
            .that()
            .resideInAPackage(TREATY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(IO_FRAMEWORKS)
            .because("the treaty engine does no I/O over HTTP or JDBC"));
  }

  @Test
  void stability_knowsOnlyTreatyAndLog() {
    check(
        noClasses()
            .that()
            .resideInAPackage(STABILITY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SERVER, STORE, WITNESS, CLI, BENCH));
    check(
        noClasses()
            .that()
            .resideInAPackage(STABILITY)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(IO_FRAMEWORKS));
  }

  @Test
  void server_neverCallsTheCli() {
    check(
        noClasses()
            .that()
            .resideInAPackage(SERVER)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(CLI));
  }

  @Test
  void nothingShippedDependsOnTestFixtures() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackages(TESTING, BENCH)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(TESTING, BENCH));
  }

  /** The commands that run a server; every other command is an offline client of the public API. */
  static final DescribedPredicate<JavaClass> SERVER_COMMANDS =
      DescribedPredicate.describe(
          "the serve and demo commands",
          c ->
              c.getPackageName().equals("org.countersign.cli.demo")
                  || topLevel(c).equals("org.countersign.cli.ServeCommand")
                  || topLevel(c).equals("org.countersign.cli.DemoCommand"));

  @Test
  void cli_offlineVerifierNeverTouchesTheServer() {
    check(
        noClasses()
            .that()
            .resideInAPackage(CLI)
            .and(DescribedPredicate.not(SERVER_COMMANDS))
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SERVER, STORE)
            .because(
                "an observer's offline replay must rest on treaty and log code alone; only serve"
                    + " and demo start a server"));
  }

  /** One slice per Java package, so that a cycle through a module's root package is seen too. */
  static final SliceAssignment PACKAGES =
      new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass c) {
          return c.getPackageName().startsWith("org.countersign.")
              ? SliceIdentifier.of(c.getPackageName())
              : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
          return "packages of org.countersign";
        }
      };

  @Test
  void packages_formNoCycle() {
    check(SlicesRuleDefinition.slices().assignedFrom(PACKAGES).should().beFreeOfCycles());
  }

  private static String topLevel(JavaClass c) {
    String name = c.getName();
    int dollar = name.indexOf('$');
    return dollar < 0 ? name : name.substring(0, dollar);
  }
}
