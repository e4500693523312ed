package org.countersign.stability;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.model.Treaty;

/**
 * The options of an assessment as the CLI and the HTTP API both take them, validated once, so the
 * same options give the same {@link Assessor.Request} (and byte-identical JSON) on both paths.
 */
public final class AssessmentInput {
  private static final Pattern PARTY = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,15}");

  private AssessmentInput() {}

  /** Output formats. */
  public enum Format {
    TEXT,
    JSON,
    HTML;

    /** Parses {@code text}, {@code json} or {@code html}. */
    public static Format parse(String s) {
      return switch (s.toLowerCase(Locale.ROOT)) {
        case "text" -> TEXT;
        case "json" -> JSON;
        case "html" -> HTML;
        default ->
            throw new IllegalArgumentException(
                "format must be text, json or html, got '" + s + "'");
      };
    }
  }

  /** Parses a comma-separated party list ({@code US,RU,CN}); empty text means every party. */
  public static List<String> parties(String csv) {
    if (csv.isBlank()) {
      return List.of();
    }
    List<String> out = Arrays.stream(csv.split(",", -1)).map(String::trim).toList();
    for (String p : out) {
      if (!PARTY.matcher(p).matches()) {
        throw new IllegalArgumentException("party ids look like US or RU, got '" + p + "'");
      }
    }
    if (out.stream().distinct().count() != out.size()) {
      throw new IllegalArgumentException("a party is listed twice in '" + csv + "'");
    }
    return out;
  }

  /** Renders {@code a} in {@code format}. */
  public static String render(Assessment a, Format format) {
    return switch (format) {
      case TEXT -> StabilityReport.text(a);
      case JSON -> StabilityReport.json(a);
      case HTML -> StabilityReport.html(a);
    };
  }

  /** Builds the request; throws {@link IllegalArgumentException} naming the bad value. */
  public static Assessor.Request request(
      ForcePosture posture,
      String partiesCsv,
      ModelParameters parameters,
      int runs,
      long seed,
      boolean sensitivity,
      Optional<Treaty> proposal) {
    return new Assessor.Request(
        posture, parties(partiesCsv), parameters, runs, seed, sensitivity, proposal);
  }
}
