package org.countersign.treaty.statement;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;
import org.countersign.treaty.json.CanonicalBinder;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.json.RecordJson;
import org.jspecify.annotations.Nullable;

/**
 * The one text form of a statement: the text of the C2SP signed note that carries it.
 *
 * <pre>
 * countersign/statement/v1 declaration\n
 * {"asOf":"2023-03-01","author":"US",...,"kind":"declaration",...,"origin":"countersign.local/new-start",...}\n
 * </pre>
 *
 * <p>Line 1 is a versioned header naming the kind, line 2 the statement as RFC 8785 canonical JSON
 * (one line, since JCS escapes every line feed inside strings), and the text ends with a line feed
 * as a signed note's text must. The body holds a {@code kind} member, an {@code origin} member
 * naming the log the statement is addressed to (its checkpoint origin: the signature covers it, so
 * a statement cannot be replayed into another log), and one member per record component; every
 * component is always present.
 *
 * <p>Decoding is strict: a text is accepted only if it is exactly what {@link #encodeText} would
 * produce for the statement it decodes to. Concretely it checks the size cap ({@link
 * #MAX_TEXT_BYTES}), the header, that the body is canonical JSON (member order, no whitespace,
 * integers only, JCS escapes), that the header kind equals the body kind, that every field is known
 * and valid, and finally that re-encoding gives the same text. One statement, one spelling: so a
 * signature covers a meaning, not a layout.
 *
 * <p>Kinds are discovered by walking the sealed {@link Statement} hierarchy ({@link
 * Class#getPermittedSubclasses()}) and reading each record's {@link StatementKind}; a new kind
 * needs no change here. All methods are thread-safe.
 */
public final class StatementCodec {
  /** The header line's prefix; the kind follows it. */
  public static final String HEADER_PREFIX = "countersign/statement/v1 ";

  /** The body member naming the origin of the log a statement is addressed to. */
  public static final String ORIGIN = "origin";

  /**
   * The longest origin a statement may be addressed to (255 characters): what to size a statement
   * with so that it fits whichever log it is later addressed to.
   */
  public static final String WIDEST_ORIGIN = "x".repeat(255);

  /**
   * Largest statement text accepted, in UTF-8 bytes: 60 KiB, which keeps a signed note with a few
   * signatures inside one tile entry (lengths there are 16-bit).
   */
  public static final int MAX_TEXT_BYTES = 60 * 1024;

  private static final Pattern KIND = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

  /** The body's members that are not the record's, as {@link CanonicalBinder} reads them. */
  private static final List<String> ENVELOPE = List.of("kind", ORIGIN);

  private static final Map<String, Class<? extends Record>> KINDS = discover();

  private StatementCodec() {}

  /** Every statement kind this build knows, with its record class, sorted by kind. */
  public static Map<String, Class<? extends Record>> kinds() {
    return KINDS;
  }

  /** The kind a statement record class carries. */
  public static String kindOf(Class<? extends Statement> type) {
    StatementKind k = type.getAnnotation(StatementKind.class);
    if (k == null) {
      throw new IllegalArgumentException(type.getName() + " has no @StatementKind");
    }
    return k.value();
  }

  /**
   * The canonical JSON body of {@code statement} as a tree, with its {@code kind} member. Useful
   * for rendering; the signed bytes come from {@link #encodeText}.
   */
  public static ObjectNode body(Statement statement) {
    if (!(statement instanceof Record record)) {
      throw new IllegalArgumentException("statements are records: " + statement.getClass());
    }
    String kind = kindOf(statement.getClass());
    if (!KINDS.containsKey(kind)) {
      throw new IllegalArgumentException("unknown statement kind " + kind);
    }
    ObjectNode tree = RecordJson.toTree(record);
    tree.put("kind", kind);
    return tree;
  }

  /**
   * Encodes {@code statement}, addressed to the log whose origin is {@code origin}, as signed-note
   * text.
   *
   * @throws IllegalArgumentException if the encoding would exceed {@link #MAX_TEXT_BYTES} (cut a
   *     declaration into more parts) or a component breaks the JSON rules; a statement that could
   *     not be decoded again is never produced
   */
  public static String encodeText(Statement statement, String origin) {
    String kind = kindOf(statement.getClass());
    ObjectNode body = body(statement);
    body.put(ORIGIN, Fields.origin(ORIGIN, origin));
    String text = HEADER_PREFIX + kind + "\n" + CanonicalJson.canonicalize(body) + "\n";
    int size = utf8Length(text);
    if (size > MAX_TEXT_BYTES) {
      throw new IllegalArgumentException(
          kind
              + " statement encodes to "
              + size
              + " bytes, more than the cap of "
              + MAX_TEXT_BYTES);
    }
    if (text.indexOf('\u007f') >= 0) {
      // JCS leaves DEL unescaped, but a signed note's text may not hold ASCII control characters.
      throw new IllegalArgumentException(kind + " statement holds a U+007F character");
    }
    return text;
  }

  /** {@link #encodeText} as the UTF-8 bytes that are signed. */
  public static byte[] encode(Statement statement, String origin) {
    return encodeText(statement, origin).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes signed-note text bytes, which MUST be valid UTF-8.
   *
   * @throws InvalidStatementException if the bytes are not UTF-8 or {@link #decodeText} refuses the
   *     text
   */
  public static AddressedStatement decode(byte[] utf8) throws InvalidStatementException {
    if (utf8.length > MAX_TEXT_BYTES) {
      throw tooLarge(utf8.length);
    }
    String text;
    try {
      text = Utf8.decode(utf8, "statement text");
    } catch (MalformedInputException e) {
      throw new InvalidStatementException("statement text is not valid UTF-8");
    }
    return decodeAddressed(text);
  }

  /**
   * The statement of {@link #decodeAddressed}, whatever log it is addressed to: for tools that read
   * what a statement says. A reader of a log decodes with {@code EntryDecoder}, which also refuses
   * a statement addressed to another log.
   *
   * @throws InvalidStatementException naming the first problem found
   */
  public static Statement decodeText(String text) throws InvalidStatementException {
    return decodeAddressed(text).statement();
  }

  /**
   * Decodes statement text, accepting only the exact canonical encoding of a valid statement, with
   * the origin of the log it is addressed to.
   *
   * <p>A statement in its one spelling is read in one pass, bound straight to its record ({@link
   * CanonicalBinder}, which accepts what {@link CanonicalJson#parseCanonical} then {@link
   * RecordJson#fromTreeExactly} accept), which proves the text is what {@link #encodeText} writes
   * for it without writing it again. Anything that pass refuses is decoded again the long way,
   * which encodes the record and compares, and whose refusal names the problem; so the two ways
   * accept the same texts ({@code StatementCodecDifferentialTest}) and refusals read as before.
   *
   * @throws InvalidStatementException naming the first problem found
   */
  public static AddressedStatement decodeAddressed(String text) throws InvalidStatementException {
    AddressedStatement canonical = decodeCanonical(text);
    return canonical != null ? canonical : decodeByReencoding(text);
  }

  /**
   * The statement {@code text} holds if it is the canonical encoding of a valid statement, read
   * without encoding it again; null for anything else (even for text the long way would accept, so
   * that this stays an optimisation that can only fall back).
   */
  static @Nullable AddressedStatement decodeCanonical(String text) {
    if (text.length() > MAX_TEXT_BYTES
        || !text.startsWith(HEADER_PREFIX)
        || text.indexOf('\u007f') >= 0) {
      return null;
    }
    int headerEnd = text.indexOf('\n');
    if (headerEnd < 0
        || text.charAt(text.length() - 1) != '\n'
        || text.indexOf('\n', headerEnd + 1) != text.length() - 1) {
      return null;
    }
    String headerKind = text.substring(HEADER_PREFIX.length(), headerEnd);
    Class<? extends Record> type = KINDS.get(headerKind);
    if (type == null || utf8Length(text) > MAX_TEXT_BYTES) {
      return null;
    }
    try {
      // The body is bound straight to the record, with kind and origin read beside it: what
      // parseCanonical then fromTreeExactly accept, without the tree (CanonicalBinder).
      CanonicalBinder.Bound<? extends Record> bound =
          CanonicalBinder.readExactly(text, headerEnd + 1, text.length() - 1, type, ENVELOPE);
      if (!bound.envelope().get(0).equals(headerKind)) {
        return null;
      }
      String origin = Fields.origin(ORIGIN, bound.envelope().get(1));
      return new AddressedStatement(origin, (Statement) bound.value());
    } catch (RuntimeException refused) {
      return null; // the long way names the problem
    }
  }

  /**
   * {@link #decodeAddressed} the long way: parse, bind, encode the record again and compare. Every
   * refusal names its problem.
   */
  static AddressedStatement decodeByReencoding(String text) throws InvalidStatementException {
    int size = utf8Length(text);
    if (size > MAX_TEXT_BYTES) {
      throw tooLarge(size);
    }
    if (!text.startsWith(HEADER_PREFIX)) {
      throw new InvalidStatementException(
          "statement text must start with \""
              + HEADER_PREFIX.strip()
              + " <kind>\", got "
              + RecordJson.quote(text.substring(0, Math.min(40, text.length()))));
    }
    int headerEnd = text.indexOf('\n');
    if (headerEnd < 0) {
      throw new InvalidStatementException("statement text has no line feed after its header");
    }
    String headerKind = text.substring(HEADER_PREFIX.length(), headerEnd);
    if (!KIND.matcher(headerKind).matches()) {
      throw new InvalidStatementException(
          "header kind is not kebab-case: " + RecordJson.quote(headerKind));
    }
    Class<? extends Record> type = KINDS.get(headerKind);
    if (type == null) {
      throw new InvalidStatementException(
          "unknown statement kind " + RecordJson.quote(headerKind) + "; known: " + KINDS.keySet());
    }
    if (!text.endsWith("\n") || text.indexOf('\n', headerEnd + 1) != text.length() - 1) {
      throw new InvalidStatementException(
          "statement text must be exactly two lines, each ending in a line feed");
    }
    String body = text.substring(headerEnd + 1, text.length() - 1);
    JsonNode tree;
    try {
      tree = CanonicalJson.parse(body);
    } catch (IllegalArgumentException e) {
      throw new InvalidStatementException(headerKind + " body: " + e.getMessage(), e);
    }
    if (!tree.isObject()) {
      throw new InvalidStatementException(headerKind + " body must be a JSON object");
    }
    // The body's canonical form is not checked by re-encoding the tree here: the statement's own
    // encoding is compared with the text at the end, which a non-canonical body cannot pass. Every
    // refusal first asks whether the body was canonical, so a non-canonical body is named as such
    // whatever else is wrong with it, as when that check came first.
    JsonNode bodyKind = tree.get("kind");
    if (bodyKind == null || !bodyKind.isTextual()) {
      requireCanonical(headerKind, tree, body);
      throw new InvalidStatementException(headerKind + " body has no string \"kind\" member");
    }
    if (!bodyKind.textValue().equals(headerKind)) {
      requireCanonical(headerKind, tree, body);
      throw new InvalidStatementException(
          "header kind "
              + headerKind
              + " differs from body kind "
              + RecordJson.quote(bodyKind.textValue()));
    }
    JsonNode originNode = tree.get(ORIGIN);
    if (originNode == null || !originNode.isTextual()) {
      requireCanonical(headerKind, tree, body);
      throw new InvalidStatementException(
          headerKind + " body has no string \"origin\" member naming the log it is addressed to");
    }
    String origin;
    try {
      origin = Fields.origin(ORIGIN, originNode.textValue());
    } catch (IllegalArgumentException e) {
      requireCanonical(headerKind, tree, body);
      throw new InvalidStatementException(headerKind + ": " + e.getMessage(), e);
    }
    // The tree is this call's own: its two envelope members are removed in place, not copied.
    ObjectNode fields = (ObjectNode) tree;
    fields.remove("kind");
    fields.remove(ORIGIN);
    Statement statement;
    try {
      statement = (Statement) RecordJson.fromTree(fields, type);
    } catch (IllegalArgumentException e) {
      requireCanonical(headerKind, CanonicalJson.parse(body), body);
      throw new InvalidStatementException(headerKind + ": " + e.getMessage(), e);
    }
    String again;
    try {
      again = encodeText(statement, origin);
    } catch (IllegalArgumentException e) {
      requireCanonical(headerKind, CanonicalJson.parse(body), body);
      throw new InvalidStatementException(headerKind + ": " + e.getMessage(), e);
    }
    if (!again.equals(text)) {
      requireCanonical(headerKind, CanonicalJson.parse(body), body);
      // The record normalized something (e.g. a list it sorts): the sender's text is not the
      // one spelling of this statement.
      throw new InvalidStatementException(
          headerKind
              + " is not in canonical form: re-encoding differs at character "
              + firstDifference(again, text));
    }
    return new AddressedStatement(origin, statement);
  }

  /**
   * Refuses a body that is not in RFC 8785 canonical form; only refusals call it, so an accepted
   * statement is never re-encoded twice.
   *
   * @param tree the body as parsed (unmodified)
   */
  private static void requireCanonical(String headerKind, JsonNode tree, String body)
      throws InvalidStatementException {
    String canonical;
    try {
      canonical = CanonicalJson.canonicalize(tree);
    } catch (IllegalArgumentException e) {
      throw new InvalidStatementException(headerKind + " body: " + e.getMessage(), e);
    }
    if (!canonical.equals(body)) {
      throw new InvalidStatementException(
          headerKind
              + " body is not in RFC 8785 canonical form (member order, whitespace or"
              + " escapes differ); first difference at character "
              + firstDifference(canonical, body));
    }
  }

  private static InvalidStatementException tooLarge(int size) {
    return new InvalidStatementException(
        "statement text is " + size + " bytes, more than the cap of " + MAX_TEXT_BYTES);
  }

  private static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      if (a.charAt(i) != b.charAt(i)) {
        return i;
      }
    }
    return n;
  }

  private static int utf8Length(String s) {
    int bytes = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** Walks the sealed hierarchy once; a malformed kind is a build defect, so it fails loudly. */
  private static Map<String, Class<? extends Record>> discover() {
    var found = new TreeMap<String, Class<? extends Record>>();
    walk(Statement.class, found);
    return Collections.unmodifiableMap(found);
  }

  @SuppressWarnings("unchecked")
  private static void walk(Class<?> type, Map<String, Class<? extends Record>> found) {
    if (type.isRecord()) {
      StatementKind k = type.getAnnotation(StatementKind.class);
      if (k == null || !KIND.matcher(k.value()).matches()) {
        throw new IllegalStateException(type.getName() + " needs a kebab-case @StatementKind");
      }
      for (var c : type.getRecordComponents()) {
        if (c.getName().equals("kind") || c.getName().equals(ORIGIN)) {
          throw new IllegalStateException(
              type.getName() + " may not have a component named " + c.getName());
        }
      }
      Class<? extends Record> previous = found.put(k.value(), (Class<? extends Record>) type);
      if (previous != null) {
        throw new IllegalStateException(
            "kind "
                + k.value()
                + " is claimed by "
                + previous.getName()
                + " and "
                + type.getName());
      }
      return;
    }
    Class<?>[] permitted = type.getPermittedSubclasses();
    if (permitted == null) {
      // A non-sealed placeholder interface with no kinds yet.
      return;
    }
    for (Class<?> sub : permitted) {
      walk(sub, found);
    }
  }

  /** The statement kinds under one branch of the hierarchy, e.g. {@code TreatyStatement}. */
  public static Set<String> kindsUnder(Class<? extends Statement> branch) {
    var out = new java.util.TreeSet<String>();
    KINDS.forEach(
        (kind, type) -> {
          if (branch.isAssignableFrom(type)) {
            out.add(kind);
          }
        });
    return out;
  }
}
