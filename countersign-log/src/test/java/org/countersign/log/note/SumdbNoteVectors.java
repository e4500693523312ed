package org.countersign.log.note;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * The facts in {@code ../shared/vectors/sumdb-note.txt} (lines "label TAB value").
 *
 * <p>countersign-testing's {@code SharedVectors} cannot be used here: that module depends on this
 * one, and Maven refuses the cycle even in test scope. This locator follows the same rules ({@code
 * COUNTERSIGN_VECTORS}, else {@code shared/vectors} in the working directory or above) and skips
 * the calling test with a message when the file is absent.
 */
record SumdbNoteVectors(
    List<String> vkeys,
    List<String> skeys,
    List<String> badVkeys,
    List<String> textLines,
    List<String> sigLines) {

  static SumdbNoteVectors load() {
    Path file = require("sumdb-note.txt");
    List<String> vkeys = new ArrayList<>();
    List<String> skeys = new ArrayList<>();
    List<String> bad = new ArrayList<>();
    List<String> text = new ArrayList<>();
    List<String> sigs = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int tab = line.indexOf('\t');
        String label = line.substring(0, tab);
        String value = line.substring(tab + 1);
        switch (label) {
          case "vkey" -> vkeys.add(value);
          case "skey" -> skeys.add(value);
          case "bad-vkey" -> bad.add(value);
          case "text-line" -> text.add(value);
          case "sig-line" -> sigs.add(value);
          default -> throw new IllegalStateException("unknown label in " + file + ": " + label);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new SumdbNoteVectors(vkeys, skeys, bad, text, sigs);
  }

  /** The text: every text line with its newline. */
  String text() {
    return String.join("", textLines.stream().map(l -> l + "\n").toList());
  }

  /** The signed note of the vectors: text, blank line, signature lines. */
  String note() {
    return text() + "\n" + String.join("", sigLines.stream().map(l -> l + "\n").toList());
  }

  static Path require(String relative) {
    Path root = null;
    String env = System.getenv("COUNTERSIGN_VECTORS");
    if (env != null && !env.isBlank()) {
      root = Files.isDirectory(Path.of(env)) ? Path.of(env) : null;
    } else {
      for (Path d = Path.of("").toAbsolutePath(); d != null && root == null; d = d.getParent()) {
        Path candidate = d.resolve("shared").resolve("vectors");
        root = Files.isDirectory(candidate) ? candidate : null;
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
