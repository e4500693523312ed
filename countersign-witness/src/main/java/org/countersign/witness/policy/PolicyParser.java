package org.countersign.witness.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.countersign.log.MalformedInputException;
import org.countersign.log.Utf8;
import org.countersign.log.note.VerifierKey;

/**
 * Reads the C2SP tlog-policy text format into a {@link WitnessPolicy}.
 *
 * <pre>
 * log &lt;vkey&gt; [&lt;url&gt;]
 * witness &lt;name&gt; &lt;vkey&gt; [&lt;url&gt;]
 * group &lt;name&gt; all|any|&lt;k&gt; &lt;name&gt;...
 * quorum &lt;name&gt;|none
 * </pre>
 *
 * <p>Strict, as the spec reads: items are separated by ASCII spaces and tabs only; blank lines and
 * lines starting with {@code #} (after optional whitespace) are ignored; the only control
 * characters allowed are tab and newline; names must be defined on an earlier line; exactly one
 * quorum line. Every error names its line number and the offending value.
 *
 * <p>Where this reader is stricter than the spec, it says so: the file must be UTF-8 (the spec
 * strongly recommends it and treats high-bit octets as opaque; refusing invalid UTF-8 keeps names
 * printable in messages), and URLs must be absolute {@code http} or {@code https} URLs, the only
 * kind this project can use. A final line without its newline is accepted.
 */
final class PolicyParser {
  /** The largest policy file accepted. */
  static final int MAX_BYTES = 64 * 1024;

  private PolicyParser() {}

  static WitnessPolicy parse(byte[] file) throws MalformedInputException {
    if (file.length > MAX_BYTES) {
      throw new MalformedInputException(
          "policy file is " + file.length + " bytes, more than " + MAX_BYTES);
    }
    String text = Utf8.decode(file, "policy file");
    WitnessPolicy.Builder builder = WitnessPolicy.builder();
    List<String> lines = splitLines(text);
    for (int i = 0; i < lines.size(); i++) {
      int lineNo = i + 1;
      String line = lines.get(i);
      try {
        parseLine(builder, line, lineNo);
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new MalformedInputException("policy line " + lineNo + ": " + e.getMessage(), e);
      }
    }
    try {
      return builder.build();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new MalformedInputException("policy: " + e.getMessage(), e);
    }
  }

  private static List<String> splitLines(String text) throws MalformedInputException {
    List<String> lines = new ArrayList<>();
    int start = 0;
    int lineNo = 1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        lines.add(text.substring(start, i));
        start = i + 1;
        lineNo++;
      } else if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new MalformedInputException(
            "policy line "
                + lineNo
                + ": control character 0x"
                + Integer.toHexString(c)
                + (c == '\r' ? " (CRLF line endings are not allowed)" : "")
                + " is not allowed");
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }

  private static void parseLine(WitnessPolicy.Builder b, String line, int lineNo)
      throws MalformedInputException {
    String[] items = line.strip().isEmpty() ? new String[0] : line.strip().split("[ \t]+");
    if (items.length == 0 || items[0].startsWith("#")) {
      return;
    }
    String keyword = items[0];
    switch (keyword) {
      case "log" -> {
        arity(items, 2, 3, "log <vkey> [<url>]");
        b.log(vkey(items[1], lineNo), url(items, 2));
      }
      case "witness" -> {
        arity(items, 3, 4, "witness <name> <vkey> [<url>]");
        b.witness(items[1], vkey(items[2], lineNo), url(items, 3));
      }
      case "group" -> {
        if (items.length < 4) {
          throw new IllegalArgumentException(
              "expected \"group <name> all|any|<k> <name>...\" with at least one member, got "
                  + (items.length - 1)
                  + " items");
        }
        List<String> members = List.of(items).subList(3, items.length);
        b.group(items[1], threshold(items[2], members.size(), items[1]), members);
      }
      case "quorum" -> {
        arity(items, 2, 2, "quorum <name>|none");
        b.quorum(items[1]);
      }
      default ->
          throw new IllegalArgumentException(
              "unknown keyword \"" + keyword + "\" (expected log, witness, group or quorum)");
    }
  }

  private static void arity(String[] items, int min, int max, String form) {
    if (items.length < min || items.length > max) {
      throw new IllegalArgumentException(
          "expected \"" + form + "\", got " + (items.length - 1) + " items after the keyword");
    }
  }

  private static VerifierKey vkey(String text, int lineNo) throws MalformedInputException {
    try {
      return VerifierKey.parse(text);
    } catch (MalformedInputException e) {
      throw new MalformedInputException("policy line " + lineNo + ": " + e.getMessage(), e);
    }
  }

  private static Optional<URI> url(String[] items, int index) {
    if (items.length <= index) {
      return Optional.empty();
    }
    String text = items[index];
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a URL: \"" + text + "\"");
    }
    if (!uri.isAbsolute()
        || uri.getHost() == null
        || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
      throw new IllegalArgumentException(
          "URL must be absolute http or https, got \"" + text + "\"");
    }
    return Optional.of(uri);
  }

  /** {@code all}, {@code any} or canonical decimal k; the range is checked by the group. */
  private static int threshold(String text, int memberCount, String group) {
    return switch (text) {
      case "all" -> memberCount;
      case "any" -> 1;
      default -> {
        boolean canonical =
            !text.isEmpty()
                && text.length() <= 9
                && text.chars().allMatch(c -> c >= '0' && c <= '9')
                && text.charAt(0) != '0';
        if (!canonical) {
          throw new IllegalArgumentException(
              "group "
                  + group
                  + ": threshold must be all, any or a positive decimal, got \""
                  + text
                  + "\"");
        }
        yield Integer.parseInt(text);
      }
    };
  }
}
