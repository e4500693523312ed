package org.countersign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.json.RecordJson;
import org.countersign.treaty.protocol.Templates;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;

/**
 * Statement JSON files as people write them: the statement's body ({@code kind}, {@code treaty},
 * {@code author}, the kind's fields), in any layout. {@code issuedAt} may be left out; it is then
 * the current time, to the second.
 *
 * <p>The file is only an input: what gets signed is the one canonical text that {@link
 * StatementCodec#encodeText} produces for the statement it describes, so layout, member order and
 * whitespace in the file never matter and never reach the log.
 */
final class StatementJson {
  /**
   * How {@code statement new} marks a value still to fill in; never signed. The rule that refuses
   * it is the protocol's ({@link Templates}), which the server applies too.
   */
  static final String FILL_IN = Templates.FILL_IN;

  /** Cap on a statement file; a statement's canonical text is capped at 60 KiB. */
  static final int MAX_FILE_BYTES = 1 << 20;

  private StatementJson() {}

  /**
   * The statement a JSON file describes.
   *
   * @param clock the time used for a missing {@code issuedAt}
   * @throws CommandFailure (usage) naming the problem: not UTF-8 JSON, no or unknown kind, a
   *     missing, unknown or invalid field
   */
  static Statement parse(byte[] file, InstantSource clock) {
    String text;
    try {
      text = Utf8.decode(file, "statement file");
    } catch (MalformedInputException e) {
      throw CommandFailure.usage("statement file is not UTF-8");
    }
    JsonNode tree;
    try {
      tree = CanonicalJson.parse(text);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage("statement file: " + e.getMessage());
    }
    if (!(tree instanceof ObjectNode body)) {
      throw CommandFailure.usage("statement file must hold one JSON object");
    }
    JsonNode kindNode = body.get("kind");
    if (kindNode == null || !kindNode.isTextual()) {
      throw CommandFailure.usage(
          "statement file has no string \"kind\"; known kinds: "
              + String.join(", ", StatementCodec.kinds().keySet()));
    }
    String kind = kindNode.textValue();
    Class<? extends Record> type = StatementCodec.kinds().get(kind);
    if (type == null) {
      throw CommandFailure.usage(
          "unknown statement kind \""
              + kind
              + "\"; known kinds: "
              + String.join(", ", StatementCodec.kinds().keySet()));
    }
    String unfilled = Templates.firstUnfilled(body);
    if (unfilled != null) {
      throw CommandFailure.usage(
          "statement file: "
              + unfilled
              + " is not filled in yet (it still holds the template's \""
              + FILL_IN
              + " ...>\"); write the value, then submit");
    }
    ObjectNode fields = body.deepCopy();
    fields.remove("kind");
    fields.remove(StatementCodec.ORIGIN); // submit addresses the statement (requireOrigin)
    if (!fields.has("issuedAt")) {
      fields.put("issuedAt", RecordJson.formatInstant(now(clock)));
    }
    try {
      return (Statement) RecordJson.fromTree(fields, type);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage(kind + ": " + e.getMessage());
    }
  }

  /**
   * Refuses a statement file that names an origin other than {@code origin}, the log it is being
   * sent to: the author meant another log. A file without an origin is addressed when signed.
   *
   * @throws CommandFailure (usage) naming both origins
   */
  static void requireOrigin(byte[] file, String origin) {
    JsonNode stated;
    try {
      stated =
          CanonicalJson.parse(new String(file, StandardCharsets.UTF_8)).get(StatementCodec.ORIGIN);
    } catch (IllegalArgumentException e) {
      return; // parse reports it
    }
    if (stated != null && !(stated.isTextual() && stated.textValue().equals(origin))) {
      throw CommandFailure.usage(
          "the statement file is addressed to the log "
              + stated
              + ", but this log's origin is \""
              + origin
              + "\"; remove \"origin\" or send it to that log");
    }
  }

  /** The current time to the second, as statements carry it. */
  static Instant now(InstantSource clock) {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS);
  }
}
