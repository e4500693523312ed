package org.countersign.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.countersign.treaty.json.RecordJson;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code countersign statement kinds|new KIND}: the statement kinds this build knows, and a JSON
 * template for one, to fill in and pass to {@code submit}.
 *
 * <p>Templates are derived from the statement records themselves, so they list exactly the fields
 * the codec requires. Every value to fill in holds a {@value StatementJson#FILL_IN} marker naming
 * what belongs there, and {@code submit} refuses a statement that still holds one: an unedited
 * template is never signed. {@code issuedAt} and {@code origin} are left out: {@code submit} fills
 * in the time of signing and the origin of the log it sends to (checked against {@code
 * --log-vkey}), so the signed statement is addressed to that one log.
 */
@Command(
    name = "statement",
    mixinStandardHelpOptions = true,
    description = "Lists statement kinds and writes JSON templates for submit.",
    subcommands = {StatementCommand.Kinds.class, StatementCommand.New.class})
final class StatementCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Command(
      name = "kinds",
      mixinStandardHelpOptions = true,
      description = "Prints every statement kind, one per line.")
  static final class Kinds extends CliCommand {
    @Override
    int execute() throws IOException {
      writeStdout(String.join("\n", StatementCodec.kinds().keySet()) + "\n");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = {
        "Writes a JSON template for a statement of KIND (see `statement kinds`), to fill in and"
            + " submit.",
        "issuedAt is left out: submit sets it to the time of signing.",
        "origin is left out: submit addresses the statement to the log it sends it to.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:template written",
        "2:unknown kind or treaty, an author who is not a participant, or FILE exists"
      })
  static final class New extends CliCommand {
    @Parameters(
        index = "0",
        paramLabel = "KIND",
        description = "the statement kind, e.g. data-exchange-update")
    String kind;

    @Option(
        names = "--treaty",
        paramLabel = "ID",
        defaultValue = "new-start",
        description = "a built-in treaty id or a treaty file (default ${DEFAULT-VALUE})")
    String treaty;

    @Option(
        names = "--author",
        paramLabel = "PARTY",
        defaultValue = "",
        description = "the author: a participant id of the treaty, e.g. US")
    String author;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "write the template here instead of stdout")
    @Nullable Path out;

    private final InstantSource clock;

    New() {
      this(InstantSource.system());
    }

    New(InstantSource clock) {
      this.clock = clock;
    }

    @Override
    int execute() throws IOException {
      Class<? extends Record> type = StatementCodec.kinds().get(kind);
      if (type == null) {
        throw CommandFailure.usage(
            "unknown statement kind \""
                + kind
                + "\"; known kinds: "
                + String.join(", ", StatementCodec.kinds().keySet()));
      }
      // Checked against the treaty now: a typo found at submission is found after the editing.
      Treaty t = ComplianceCommand.loadTreaty(treaty);
      if (!author.isEmpty() && t.party(author).isEmpty()) {
        throw CommandFailure.usage(
            "--author "
                + author
                + " is not a participant of "
                + t.id()
                + "; its participants: "
                + t.parties().stream().map(Party::id).collect(Collectors.joining(", ")));
      }
      ObjectNode template = JsonNodeFactory.instance.objectNode();
      template.put("kind", kind);
      ObjectNode fields = (ObjectNode) placeholder(type, StatementJson.now(clock));
      fields.remove("issuedAt");
      if (fields.has("treaty")) {
        fields.put("treaty", t.id());
      }
      if (fields.has("author")) {
        fields.put("author", author.isEmpty() ? fill("a participant id of " + t.id()) : author);
      }
      template.setAll(fields);
      String json = PRETTY.writeValueAsString(template) + "\n";
      if (out == null) {
        writeStdout(json);
      } else {
        try {
          Files.writeString(
              out,
              json,
              StandardCharsets.UTF_8,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE);
        } catch (FileAlreadyExistsException e) {
          throw CommandFailure.usage(out + " exists");
        }
      }
      return ExitCodes.OK;
    }
  }

  /**
   * A placeholder value of {@code type}: a {@value StatementJson#FILL_IN} marker saying what to
   * write, with one example element in lists and maps. The part counters of a one-part statement
   * are 1 of 1.
   */
  static JsonNode placeholder(Type type, Instant now) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Class<?> raw =
        type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
    if (raw == String.class) {
      return f.textNode(fill("text"));
    }
    if (raw == Instant.class) {
      return f.textNode(fill("a time, e.g. " + RecordJson.formatInstant(now)));
    }
    if (raw == LocalDate.class) {
      return f.textNode(fill("a date, e.g. " + LocalDate.ofInstant(now, ZoneOffset.UTC)));
    }
    if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      return f.textNode(fill("a whole number"));
    }
    if (raw == boolean.class || raw == Boolean.class) {
      return f.textNode(fill("true or false"));
    }
    if (raw.isEnum()) {
      return f.textNode(
          fill(
              "one of "
                  + java.util.Arrays.stream(raw.getEnumConstants())
                      .map(Object::toString)
                      .collect(Collectors.joining(", "))));
    }
    if (raw == List.class) {
      ArrayNode a = f.arrayNode();
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      a.add(placeholder(element, now));
      return a;
    }
    if (raw == Map.class) {
      Type value = ((ParameterizedType) type).getActualTypeArguments()[1];
      ObjectNode o = f.objectNode();
      o.set(fill("a name"), placeholder(value, now));
      return o;
    }
    if (raw.isRecord()) {
      ObjectNode o = f.objectNode();
      for (RecordComponent c : raw.getRecordComponents()) {
        JsonNode v = placeholder(c.getGenericType(), now);
        o.set(
            c.getName(),
            c.getName().equals("part") || c.getName().equals("parts") ? f.numberNode(1) : v);
      }
      return o;
    }
    return f.textNode(fill("a value"));
  }

  private static String fill(String what) {
    return StatementJson.FILL_IN + " " + what + ">";
  }
}
