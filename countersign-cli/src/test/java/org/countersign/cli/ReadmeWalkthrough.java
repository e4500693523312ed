package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the README's party walk-through, as written, against a running demo: the commands of the
 * block that starts with {@code # a party, against the demo}, with only the demo's URL, its log key
 * and the folders replaced, and the template edited as the README's {@code e.g.} line says; then
 * the README's audit of the demo, with the demo's first-keys file.
 */
final class ReadmeWalkthrough {
  private static final String START = "# a party, against the demo";
  private static final String DEMO_URL = "http://127.0.0.1:8080";

  private ReadmeWalkthrough() {}

  static void run(String url, String vkey, Path demoData, Path work) throws IOException {
    Path readme = Path.of("..", "README.md");
    List<String> lines = Files.readAllLines(readme);
    int from = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(START)) {
        from = i + 1;
        break;
      }
    }
    assertThat(from).as("the README's party walk-through (" + START + ")").isPositive();
    // The README says how to fill in the template in a comment of the block: read it first.
    String edit = null;
    for (int i = from; i < lines.size() && !lines.get(i).isBlank(); i++) {
      int eg = lines.get(i).startsWith("#") ? lines.get(i).indexOf("\"asOf\"") : -1;
      if (eg >= 0) {
        edit = "{" + lines.get(i).substring(eg) + "}";
      }
    }
    int ran = 0;
    for (int i = from; i < lines.size() && !lines.get(i).isBlank(); i++) {
      String line = lines.get(i);
      if (line.startsWith("#")) {
        continue;
      }
      int comment = line.indexOf("   #");
      String command = (comment < 0 ? line : line.substring(0, comment)).strip();
      assertThat(command).startsWith("./countersign ");
      List<String> args = new ArrayList<>();
      for (String word : words(command.substring("./countersign ".length()))) {
        args.add(substitute(word, url, vkey, demoData, work));
      }
      CliRun r = CliRun.run("", args.toArray(String[]::new));
      assertThat(r.exitCode()).as("README: " + command + "\n" + r.err()).isZero();
      ran++;
      if (args.size() > 1 && args.get(0).equals("statement") && args.get(1).equals("new")) {
        assertThat(edit).as("the README says how to fill in the template").isNotNull();
        Path template = work.resolve("update.json");
        ObjectMapper json = new ObjectMapper();
        ObjectNode t = (ObjectNode) json.readTree(template.toFile());
        t.setAll((ObjectNode) json.readTree(edit));
        Files.writeString(template, json.writeValueAsString(t));
      }
      if (args.get(0).equals("submit")) {
        assertThat(r.out()).startsWith("index ");
      }
    }
    assertThat(ran).isGreaterThanOrEqualTo(4);
    // The demo block's audit, as written: the demo's URL, key placeholder and first-keys file.
    String audit = "./countersign audit --server " + DEMO_URL + " ";
    List<String> audits = lines.stream().filter(l -> l.startsWith(audit)).toList();
    assertThat(audits).as("the README's audit of the demo").hasSize(1);
    String line = audits.get(0);
    int comment = line.indexOf("   #");
    List<String> args = new ArrayList<>();
    for (String word :
        words(line.substring("./countersign ".length(), comment < 0 ? line.length() : comment))) {
      args.add(substitute(word, url, vkey, demoData, work));
    }
    assertThat(args).contains("--first-keys");
    CliRun r = CliRun.run("", args.toArray(String[]::new));
    assertThat(r.exitCode()).as("README: " + line + "\n" + r.err()).isZero();
    assertThat(r.out()).contains("each the key agreed outside the log").endsWith("audit passed\n");
  }

  private static String substitute(String word, String url, String vkey, Path demoData, Path work) {
    if (word.equals(DEMO_URL)) {
      return url;
    }
    if (word.equals("LOGVKEY")) {
      return vkey;
    }
    if (word.startsWith("demo-data/")) {
      return demoData.resolve(word.substring("demo-data/".length())).toString();
    }
    if (word.matches("[a-z]+\\.(json|note|receipt|key)")) {
      return work.resolve(word).toString();
    }
    return word;
  }

  /** Splits a command line as a POSIX shell would for plain words and single quotes. */
  private static List<String> words(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder w = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          out.add(w.toString());
          w.setLength(0);
          any = false;
        }
      } else {
        w.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(w.toString());
    }
    return out;
  }
}
