package org.countersign.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Shows a logged entry for people: the statement's kind and JSON body, and the names of the keys
 * that signed it. Entries were checked on the way in, so this only splits what is there; if an
 * entry does not have the expected shape (a log written by another implementation), the fields are
 * left out rather than guessed.
 */
final class StatementView {
  private StatementView() {}

  /** Adds {@code kind}, {@code statement} and {@code signers} to {@code body} where they parse. */
  static void describe(String note, ObjectNode body) {
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      return;
    }
    String text = note.substring(0, split + 1);
    ArrayNode signers = body.putArray("signers");
    for (String line : note.substring(split + 2).lines().toList()) {
      int space = line.indexOf(' ', 2);
      if (line.startsWith("\u2014 ") && space > 2) {
        signers.add(line.substring(2, space));
      }
    }
    int nl = text.indexOf('\n');
    String header = text.substring(0, nl);
    int sp = header.lastIndexOf(' ');
    if (sp > 0) {
      body.put("kind", header.substring(sp + 1));
    }
    String rest = text.substring(nl + 1).strip();
    try {
      JsonNode statement = Json.MAPPER.readTree(rest);
      if (statement != null && statement.isObject()) {
        body.set("statement", statement);
      }
    } catch (IOException e) {
      // Not JSON: show the note text only.
    }
  }
}
