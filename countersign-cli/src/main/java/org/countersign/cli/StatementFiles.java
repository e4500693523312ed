package org.countersign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;

/**
 * Statement files the escrow and inspection commands read and write.
 *
 * <p>They write a statement as the JSON body {@code submit} takes, without {@code issuedAt}, so
 * that the time is the moment of signing. They read either such a JSON body or a logged entry: the
 * statement's canonical text ({@code countersign/statement/v1 <kind>} and one line of JSON),
 * optionally followed by a blank line and signature lines, as {@code submit} saves a signed entry.
 * Reading does not check signatures: these commands check what statements say, and {@code audit}
 * checks who signed them.
 */
final class StatementFiles {
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** A fixed time for JSON bodies without {@code issuedAt}; offline checks do not depend on it. */
  private static final InstantSource UNSET =
      InstantSource.fixed(Instant.parse("2000-01-01T00:00:00Z"));

  private StatementFiles() {}

  /**
   * The statement in {@code file}, of type {@code type}.
   *
   * @throws CommandFailure (usage) if the file is missing, malformed, or of another kind
   */
  static <S extends Statement> S read(Path file, Class<S> type, String what) throws IOException {
    byte[] bytes = InputFiles.read(file, StatementJson.MAX_FILE_BYTES, what);
    String text = new String(bytes, StandardCharsets.UTF_8);
    Statement s;
    if (text.startsWith(StatementCodec.HEADER_PREFIX)) {
      int end = text.indexOf("\n\n");
      String statement = end < 0 ? text : text.substring(0, end + 1);
      try {
        s = StatementCodec.decodeText(statement);
      } catch (InvalidStatementException e) {
        throw CommandFailure.usage(what + " " + file + ": " + e.getMessage());
      }
    } else {
      try {
        s = StatementJson.parse(bytes, UNSET);
      } catch (CommandFailure e) {
        throw CommandFailure.usage(what + " " + file + ": " + e.getMessage());
      }
    }
    if (!type.isInstance(s)) {
      throw CommandFailure.usage(
          what
              + " "
              + file
              + " holds a statement of kind "
              + s.kind()
              + ", not "
              + StatementCodec.kindOf(type));
    }
    return type.cast(s);
  }

  /** The JSON body of {@code statement} for {@code submit}: its fields and kind, no issuedAt. */
  static String json(Statement statement) throws IOException {
    ObjectNode body = StatementCodec.body(statement);
    body.remove("issuedAt");
    return PRETTY.writeValueAsString(body) + "\n";
  }

  /**
   * Writes {@code text} to a new file.
   *
   * @throws CommandFailure (usage) if the file exists: statement files are never overwritten
   */
  static void createNew(Path file, String text) throws IOException {
    try {
      Files.writeString(
          file,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw CommandFailure.usage(file + " exists; choose another output");
    }
  }
}
