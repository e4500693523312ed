package org.countersign.treaty.forces;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Pattern;
import org.countersign.treaty.loader.YamlSyntax;
import org.jspecify.annotations.Nullable;

/**
 * Loads force-posture files (YAML, format {@code countersign-forces/v1}); see {@code
 * data/force-posture.yaml} for the format, which its header comment documents.
 *
 * <p>Validation is strict and reports every problem at once as {@code file: path: reason}: unknown
 * keys are refused (a misspelt quantity must not silently vanish), every figure must carry exactly
 * one of {@code source} (a listed source id), {@code assumption} (with its reason) or {@code
 * unknown} (with its reason), counts must be whole numbers and fractions lie in [0, 1]. Duplicate
 * keys are refused.
 */
public final class ForcePostureLoader {
  /** Largest file accepted, in bytes. */
  public static final int MAX_FILE_BYTES = 1 << 20;

  /** The data file shipped on the class path. */
  public static final String RESOURCE = "/data/force-posture.yaml";

  private static final String FORMAT = "countersign-forces/v1";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final ObjectMapper YAML;

  static {
    YAMLFactory factory =
        YAMLFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(16)
                    .maxStringLength(1 << 16)
                    .build())
            .build();
    factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    YAML = new ObjectMapper(factory);
  }

  private ForcePostureLoader() {}

  /** The force-posture file shipped with the project. */
  public static ForcePosture builtIn() throws ForcePostureException {
    try (InputStream in = ForcePostureLoader.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new ForcePostureException(List.of(RESOURCE + ": not on the class path"));
      }
      return parse("data/force-posture.yaml", in.readNBytes(MAX_FILE_BYTES + 1));
    } catch (IOException e) {
      throw new ForcePostureException(List.of(RESOURCE + ": cannot read: " + e.getMessage()));
    }
  }

  /** Loads a file; problems name it as given. */
  public static ForcePosture load(Path file) throws ForcePostureException {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ForcePostureException(
            List.of(file + ": larger than " + MAX_FILE_BYTES + " bytes"));
      }
      return parse(file.toString(), Files.readAllBytes(file));
    } catch (IOException e) {
      throw new ForcePostureException(List.of(file + ": cannot read: " + e.getMessage()));
    }
  }

  /** Parses file bytes (UTF-8). */
  public static ForcePosture parse(String fileName, byte[] utf8) throws ForcePostureException {
    if (utf8.length > MAX_FILE_BYTES) {
      throw new ForcePostureException(
          List.of(fileName + ": larger than " + MAX_FILE_BYTES + " bytes"));
    }
    JsonNode root;
    try {
      root = YAML.readTree(utf8);
    } catch (JsonProcessingException e) {
      throw new ForcePostureException(
          List.of(fileName + ": not valid YAML at " + YamlSyntax.of(e)));
    } catch (IOException e) {
      throw new ForcePostureException(List.of(fileName + ": cannot read: " + e.getMessage()));
    }
    if (root == null || !root.isObject()) {
      throw new ForcePostureException(List.of(fileName + ": expected a mapping at the top"));
    }
    var binder = new Binder(fileName);
    ForcePosture posture = binder.posture(root);
    if (!binder.problems.isEmpty() || posture == null) {
      throw new ForcePostureException(binder.problems);
    }
    return posture;
  }

  /** Walks the tree once, collecting problems instead of stopping at the first. */
  private static final class Binder {
    private final String file;
    private final List<String> problems = new ArrayList<>();
    private Set<String> sourceIds = Set.of();

    Binder(String file) {
      this.file = file;
    }

    private void problem(String path, String reason) {
      problems.add(file + ": " + path + ": " + reason);
    }

    private void onlyKeys(JsonNode node, String path, Set<String> allowed) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String k = it.next();
        if (!allowed.contains(k)) {
          problem(path.isEmpty() ? k : path + "." + k, "unknown key; allowed: " + allowed);
        }
      }
    }

    private @Nullable String text(JsonNode node, String path, String key, boolean required) {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) {
        if (required) {
          problem(path + "." + key, "required");
        }
        return null;
      }
      if (!v.isTextual() || v.asText().isBlank()) {
        problem(path + "." + key, "must be non-empty text");
        return null;
      }
      return v.asText();
    }

    @Nullable ForcePosture posture(JsonNode root) {
      onlyKeys(root, "", Set.of("format", "asOf", "sources", "parties"));
      String format = text(root, "", "format", true);
      if (format != null && !format.equals(FORMAT)) {
        problem("format", "expected " + FORMAT + ", got " + format);
      }
      String asOf = root.path("asOf").asText("");
      if (!DATE.matcher(asOf).matches()) {
        problem("asOf", "must be a date YYYY-MM-DD, got '" + asOf + "'");
      }
      Map<String, Source> sources = sources(root.get("sources"));
      sourceIds = sources.keySet();
      Map<String, PartyForces> parties = new LinkedHashMap<>();
      JsonNode ps = root.get("parties");
      if (ps == null || !ps.isObject() || ps.isEmpty()) {
        problem("parties", "required: a mapping of party id to forces");
      } else {
        for (var it = ps.properties().iterator(); it.hasNext(); ) {
          var e = it.next();
          PartyForces p = party(e.getKey(), e.getValue(), "parties." + e.getKey());
          if (p != null) {
            parties.put(p.party(), p);
          }
        }
      }
      return problems.isEmpty() ? new ForcePosture(asOf, sources, parties) : null;
    }

    private Map<String, Source> sources(@Nullable JsonNode node) {
      Map<String, Source> out = new LinkedHashMap<>();
      if (node == null || !node.isObject()) {
        problem("sources", "required: a mapping of source id to citation");
        return out;
      }
      for (var it = node.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        String path = "sources." + e.getKey();
        JsonNode s = e.getValue();
        if (!ID.matcher(e.getKey()).matches()) {
          problem(path, "source id must match " + ID.pattern());
        }
        if (!s.isObject()) {
          problem(path, "must be a mapping with citation, year, url");
          continue;
        }
        onlyKeys(s, path, Set.of("citation", "year", "url"));
        String citation = text(s, path, "citation", true);
        JsonNode year = s.get("year");
        if (year == null || !year.isInt()) {
          problem(path + ".year", "required: the year of publication");
          continue;
        }
        String url = s.has("url") ? text(s, path, "url", false) : "";
        if (citation == null) {
          continue;
        }
        try {
          out.put(
              e.getKey(), new Source(e.getKey(), citation, year.asInt(), url == null ? "" : url));
        } catch (IllegalArgumentException ex) {
          problem(path, Objects.requireNonNullElse(ex.getMessage(), ex.toString()));
        }
      }
      return out;
    }

    private @Nullable PartyForces party(String id, JsonNode node, String path) {
      if (!ID.matcher(id).matches()) {
        problem(path, "party id must match " + ID.pattern());
      }
      if (!node.isObject()) {
        problem(path, "must be a mapping with name, figures, systems");
        return null;
      }
      onlyKeys(node, path, Set.of("name", "figures", "systems"));
      String name = text(node, path, "name", true);
      Map<Quantity, Figure> figures = figures(node.get("figures"), path + ".figures");
      List<ForceSystem> systems = new ArrayList<>();
      JsonNode ss = node.get("systems");
      if (ss != null && !ss.isArray()) {
        problem(path + ".systems", "must be a list");
      } else if (ss != null) {
        var seen = new java.util.HashSet<String>();
        for (int i = 0; i < ss.size(); i++) {
          ForceSystem s = system(ss.get(i), path + ".systems[" + i + "]");
          if (s != null && !seen.add(s.id())) {
            problem(path + ".systems[" + i + "].id", "duplicate system id " + s.id());
          } else if (s != null) {
            systems.add(s);
          }
        }
      }
      return name == null ? null : new PartyForces(id, name, figures, systems);
    }

    private @Nullable ForceSystem system(JsonNode node, String path) {
      if (!node.isObject()) {
        problem(path, "must be a mapping");
        return null;
      }
      onlyKeys(
          node, path, Set.of("id", "name", "category", "launcherCategory", "basing", "figures"));
      String id = text(node, path, "id", true);
      String name = text(node, path, "name", true);
      String category = text(node, path, "category", true);
      String launcher = text(node, path, "launcherCategory", false);
      String basingKey = text(node, path, "basing", true);
      Optional<Basing> basing = basingKey == null ? Optional.empty() : Basing.ofKey(basingKey);
      if (basingKey != null && basing.isEmpty()) {
        problem(path + ".basing", "unknown basing '" + basingKey + "'");
      }
      for (String c : new String[] {id, category, launcher}) {
        if (c != null && !ID.matcher(c).matches()) {
          problem(path, "'" + c + "' must match " + ID.pattern());
        }
      }
      Map<Quantity, Figure> figures = figures(node.get("figures"), path + ".figures");
      if (id == null || name == null || category == null || basing.isEmpty()) {
        return null;
      }
      return new ForceSystem(
          id, name, category, Optional.ofNullable(launcher), basing.get(), figures);
    }

    private Map<Quantity, Figure> figures(@Nullable JsonNode node, String path) {
      Map<Quantity, Figure> out = new LinkedHashMap<>();
      if (node == null) {
        return out;
      }
      if (!node.isObject()) {
        problem(path, "must be a mapping of quantity to figure");
        return out;
      }
      for (var it = node.properties().iterator(); it.hasNext(); ) {
        var e = it.next();
        String fp = path + "." + e.getKey();
        Optional<Quantity> q = Quantity.ofKey(e.getKey());
        if (q.isEmpty()) {
          problem(fp, "unknown quantity");
          continue;
        }
        Figure f = figure(q.get(), e.getValue(), fp);
        if (f != null) {
          out.put(q.get(), f);
        }
      }
      return out;
    }

    private @Nullable Figure figure(Quantity q, JsonNode node, String path) {
      if (!node.isObject()) {
        problem(
            path,
            "must be {value, source} or {value, assumption} or {unknown}; a bare number has no"
                + " provenance");
        return null;
      }
      onlyKeys(node, path, Set.of("value", "source", "assumption", "unknown", "note"));
      int kinds =
          (node.has("source") ? 1 : 0)
              + (node.has("assumption") ? 1 : 0)
              + (node.has("unknown") ? 1 : 0);
      if (kinds != 1) {
        problem(
            path, "must carry exactly one of source, assumption, unknown (found " + kinds + ")");
        return null;
      }
      Provenance provenance;
      if (node.has("source")) {
        String s = text(node, path, "source", true);
        if (s == null) {
          return null;
        }
        if (!sourceIds.contains(s)) {
          problem(path + ".source", "'" + s + "' is not listed under sources");
          return null;
        }
        provenance = new Provenance.Sourced(s);
      } else if (node.has("assumption")) {
        String r = text(node, path, "assumption", true);
        if (r == null) {
          return null;
        }
        provenance = new Provenance.Assumption(r);
      } else {
        String r = text(node, path, "unknown", true);
        if (r == null) {
          return null;
        }
        provenance = new Provenance.Unknown(r);
      }
      OptionalDouble value = OptionalDouble.empty();
      JsonNode v = node.get("value");
      if (provenance instanceof Provenance.Unknown) {
        if (v != null) {
          problem(path + ".value", "an unknown figure has no value");
          return null;
        }
      } else if (v == null || !v.isNumber()) {
        problem(path + ".value", "required: a number");
        return null;
      } else {
        value = OptionalDouble.of(v.asDouble());
      }
      JsonNode note = node.get("note");
      String noteText = note == null ? "" : note.asText();
      try {
        return new Figure(q, value, provenance, noteText);
      } catch (IllegalArgumentException ex) {
        problem(path, Objects.requireNonNullElse(ex.getMessage(), ex.toString()));
        return null;
      }
    }
  }
}
