package org.countersign.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * Locates the public test vectors that live beside the project in {@code ../shared/vectors} (or
 * where {@code COUNTERSIGN_VECTORS} points). They are not copied into the repository; tests that
 * need them skip with a clear message where the folder is absent.
 */
public final class SharedVectors {
  private SharedVectors() {}

  /** The vectors folder, if it can be found from the working directory upwards. */
  public static Optional<Path> find() {
    String env = System.getenv("COUNTERSIGN_VECTORS");
    if (env != null && !env.isBlank()) {
      Path p = Path.of(env);
      return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared").resolve("vectors");
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The folder {@code relative} inside the vectors folder; skips the calling test (JUnit
   * assumption) with a message naming what is missing where it is absent.
   */
  public static Path require(String relative) {
    Optional<Path> root = find();
    Assumptions.assumeTrue(
        root.isPresent(),
        "skipped: public test vectors not found (expected ../shared/vectors beside the project, "
            + "or COUNTERSIGN_VECTORS)");
    Path p = root.get().resolve(relative);
    Assumptions.assumeTrue(Files.exists(p), "skipped: test vectors not found at " + p);
    return p;
  }
}
