package org.countersign.log.merkle;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds {@code ../shared/vectors} like {@code org.countersign.testing.SharedVectors} does. That
 * fixture cannot be used here: countersign-testing depends on countersign-log, and Maven refuses a
 * reactor cycle even for a test-scoped dependency.
 */
final class SharedVectorsLocator {
  private SharedVectorsLocator() {}

  static Path require(String relative) {
    Path root = null;
    String env = System.getenv("COUNTERSIGN_VECTORS");
    if (env != null && !env.isBlank() && Files.isDirectory(Path.of(env))) {
      root = Path.of(env);
    }
    for (Path d = Path.of("").toAbsolutePath(); root == null && d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("vectors");
      if (Files.isDirectory(candidate)) {
        root = candidate;
      }
    }
    Assumptions.assumeTrue(
        root != null,
        "skipped: public test vectors not found (expected ../shared/vectors beside the project, "
            + "or COUNTERSIGN_VECTORS)");
    Path p = root.resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), "skipped: test vectors not found at " + p);
    return p;
  }
}
