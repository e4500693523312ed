package org.countersign.log.note;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.countersign.fixtures.Vectors;

/**
 * The facts in the frozen vector file {@code sumdb-note.txt} (lines "label TAB value"; see the
 * README of countersign-fixtures' {@code vectors/}).
 */
record SumdbNoteVectors(
    List<String> vkeys,
    List<String> skeys,
    List<String> badVkeys,
    List<String> textLines,
    List<String> sigLines) {

  static SumdbNoteVectors load() {
    Path file = Vectors.require("sumdb-note.txt");
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
}
