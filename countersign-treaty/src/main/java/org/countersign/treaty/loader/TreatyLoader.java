package org.countersign.treaty.loader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.loader.SchemaValidator.Violation;
import org.countersign.treaty.model.Treaty;

/**
 * Loads treaty files (YAML, format {@code countersign-treaty/v1}).
 *
 * <p>Loading runs three phases and stops at the first that finds problems, reporting all of that
 * phase's problems at once: (1) YAML syntax and refused YAML features, (2) the JSON Schema shipped
 * as {@code org/countersign/treaty/loader/treaty.schema.json}, (3) cross-references and date order.
 * Every problem carries file, line, column, field path and reason. Only then is the file bound to a
 * {@link Treaty}, whose {@linkplain Treaty#digest() digest} is SHA-256 over the canonical JSON (RFC
 * 8785) of the data.
 *
 * <p>The two treaties shipped with the project ({@code treaties/*.yaml} at the repository root) are
 * also on the class path: {@link #builtIn(String)}.
 */
public final class TreatyLoader {
  /** Largest treaty file accepted, in bytes. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** Ids of the treaties shipped on the class path under {@code treaties/}. */
  public static final List<String> BUILT_IN = List.of("new-start", "integrated-framework");

  private static final SchemaValidator SCHEMA = SchemaValidator.treatySchema();

  private TreatyLoader() {}

  /**
   * Loads a treaty file; problems name the file as given.
   *
   * @throws TreatyException for anything wrong with the file, including being unreadable
   */
  public static Treaty load(Path file) throws TreatyException {
    String name = file.toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw fileProblem(name, "larger than " + MAX_FILE_BYTES + " bytes");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw fileProblem(name, "cannot read: " + e);
    }
    return parse(name, bytes);
  }

  /** A treaty shipped with the project, e.g. {@code new-start}. */
  public static Treaty builtIn(String id) throws TreatyException {
    String resource = "/treaties/" + id + ".yaml";
    try (InputStream in = TreatyLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw fileProblem(resource, "no built-in treaty " + id + "; built in: " + BUILT_IN);
      }
      return parse("treaties/" + id + ".yaml", in.readNBytes(MAX_FILE_BYTES + 1));
    } catch (IOException e) {
      throw fileProblem(resource, "cannot read: " + e);
    }
  }

  /** Parses treaty file bytes, which must be UTF-8. */
  public static Treaty parse(String fileName, byte[] utf8) throws TreatyException {
    if (utf8.length > MAX_FILE_BYTES) {
      throw fileProblem(fileName, "larger than " + MAX_FILE_BYTES + " bytes");
    }
    try {
      String text = Utf8.decode(utf8, "treaty file");
      return parse(fileName, text);
    } catch (MalformedInputException e) {
      throw fileProblem(fileName, "not valid UTF-8");
    }
  }

  /**
   * Parses treaty file text.
   *
   * @param fileName the name problems are reported under
   * @throws TreatyException listing every problem of the first phase that finds any
   */
  public static Treaty parse(String fileName, String text) throws TreatyException {
    SourceTree tree = SourceTree.parse(fileName, text);
    List<Violation> violations = SCHEMA.validate(tree);
    if (violations.isEmpty()) {
      violations = CrossReferences.check(tree.root);
    }
    if (!violations.isEmpty()) {
      throw located(fileName, tree, violations);
    }
    String canonical = CanonicalJson.canonicalize(tree.root);
    try {
      return TreatyBinder.bind(tree.root, fileName, sha256Hex(canonical));
    } catch (IllegalArgumentException e) {
      // The checks above should have caught it; still report it as a problem with the file.
      throw fileProblem(fileName, Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
  }

  /**
   * The data of a treaty file as a JSON tree, after the same checks as {@link #parse(String,
   * String)}: what the digest is computed over, for tools that compare texts section by section.
   *
   * @throws TreatyException listing every problem of the first phase that finds any
   */
  public static com.fasterxml.jackson.databind.JsonNode data(String fileName, String text)
      throws TreatyException {
    SourceTree tree = SourceTree.parse(fileName, text);
    List<Violation> violations = SCHEMA.validate(tree);
    if (violations.isEmpty()) {
      violations = CrossReferences.check(tree.root);
    }
    if (!violations.isEmpty()) {
      throw located(fileName, tree, violations);
    }
    return tree.root.deepCopy();
  }

  private static TreatyException located(String file, SourceTree tree, List<Violation> violations) {
    var problems = new ArrayList<TreatyProblem>();
    for (Violation v : violations) {
      SourceTree.Position pos =
          v.atKey() ? tree.keyPosition(v.path()) : tree.valuePosition(v.path());
      problems.add(
          new TreatyProblem(file, pos.line(), pos.column(), v.path().toString(), v.reason()));
    }
    problems.sort(
        Comparator.comparingInt(TreatyProblem::line)
            .thenComparingInt(TreatyProblem::column)
            .thenComparing(TreatyProblem::path));
    return new TreatyException(problems);
  }

  private static TreatyException fileProblem(String file, String reason) {
    return new TreatyException(List.of(new TreatyProblem(file, 0, 0, "(file)", reason)));
  }

  private static String sha256Hex(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
