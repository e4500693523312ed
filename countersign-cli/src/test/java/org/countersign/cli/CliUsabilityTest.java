package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 15: usage errors in one line, documented exit statuses, small helpers of a new user. */
class CliUsabilityTest {
  @TempDir Path dir;

  @Test
  void mistypedOption_oneLineNamingItWithASuggestion() {
    CliRun r = CliRun.run("", "keygen", "--nme", "x", "--out", dir.resolve("k").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("countersign: keygen: ")
        .contains("--nme")
        .contains("did you mean --name")
        .contains("see 'countersign keygen --help'");
  }

  @Test
  void oneCommandBuilt_answersAsTheWholeTree() {
    // main builds only the subcommand its first argument names (start-up time); help, usage
    // errors and suggestions must read exactly as with every command built.
    List<String[]> commandLines =
        List.of(
            new String[] {"audit", "--help"},
            new String[] {"audit", "--nme"},
            new String[] {"audit", "--server", "ftp://x", "--vkey", "k"},
            new String[] {"keygen", "--nme", "x"},
            new String[] {"statement"},
            new String[] {"statement", "--help"},
            new String[] {"escrow", "commit", "--help"},
            new String[] {"submit", "statement.json"},
            new String[] {"sbumit"},
            new String[] {"help", "audit"},
            new String[] {"--version"});
    for (String[] args : commandLines) {
      CliRun one = CliRun.run("", args);
      CliRun whole = CliRun.runWholeTree(args);
      assertThat(one).as(String.join(" ", args)).isEqualTo(whole);
      assertThat(one.help() + one.err()).as(String.join(" ", args)).isNotEmpty();
    }
  }

  @Test
  void mistypedCommand_oneLineWithASuggestion() {
    CliRun r = CliRun.run("", "sbumit");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("countersign: ").contains("sbumit").contains("submit");
  }

  @Test
  void missingRequiredOption_oneLine() {
    CliRun r = CliRun.run("", "submit", "statement.json");
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("countersign: submit: ").contains("--server");
  }

  @Test
  void commandGroupWithoutSubcommand_isUsageError() {
    for (String group : new String[] {"statement", "escrow", "inspect", "note", "proof"}) {
      CliRun r = CliRun.run("", group);
      assertThat(r.exitCode()).as(group).isEqualTo(ExitCodes.USAGE);
      assertThat(r.err().lines()).as(group).hasSize(1);
      assertThat(r.err()).startsWith("countersign: " + group + " needs a subcommand: ");
    }
    assertThat(CliRun.run("", "proof", "verify").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.run("").exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(CliRun.run("", "--help").exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(CliRun.run("", "statement", "--help").exitCode()).isEqualTo(ExitCodes.OK);
  }

  @Test
  void help_listsEachCommandByAWholeSentence() {
    java.io.StringWriter out = new java.io.StringWriter();
    picocli.CommandLine cli =
        Main.commandLine(
            new Main(
                new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream()));
    cli.setOut(new java.io.PrintWriter(out, true));
    cli.setUsageHelpWidth(200);
    assertThat(cli.execute("--help")).isZero();
    String help = out.toString();
    assertThat(help.lines().filter(l -> l.strip().startsWith("submit ")).findFirst())
        .hasValueSatisfying(
            l ->
                assertThat(l)
                    .endsWith(
                        "Signs a statement with a party key, submits it to a log, and keeps and"
                            + " verifies its receipt."));
    // Each command's summary line is one sentence, ending with its full stop.
    help.lines()
        .filter(l -> l.matches("  [a-z]+ +[A-Z].*"))
        .forEach(l -> assertThat(l).as(l).endsWith("."));
  }

  @Test
  void help_optionDescriptionsAreWrappedParagraphs_neverLinesCutInTheSource() {
    picocli.CommandLine root =
        Main.commandLine(
            new Main(
                new java.io.ByteArrayInputStream(new byte[0]),
                new java.io.ByteArrayOutputStream()));
    java.util.List<picocli.CommandLine> all = new java.util.ArrayList<>(List.of(root));
    for (int i = 0; i < all.size(); i++) {
      all.addAll(all.get(i).getSubcommands().values());
    }
    int checked = 0;
    for (picocli.CommandLine cmd : all) {
      // On a terminal wide enough for any sentence, every option and parameter is one row: a
      // second row is a line break written into the description.
      cmd.getCommandSpec().usageMessage().width(2000).longOptionsMaxWidth(80);
      picocli.CommandLine.Help help =
          cmd.getHelpFactory()
              .create(
                  cmd.getCommandSpec(),
                  picocli.CommandLine.Help.defaultColorScheme(picocli.CommandLine.Help.Ansi.OFF));
      String name = cmd.getCommandSpec().qualifiedName();
      for (String line : (help.optionList() + help.parameterList()).lines().toList()) {
        assertThat(line).as(name + " --help").matches(" {0,8}\\S.*|\\s*");
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(100);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "new-start, (try --port)",
    "integrated-framework, (try --port; the negotiation log takes the next port)"
  })
  void demoOnABusyPort_oneFriendlyLine_noServerLogLines(String scenario, String hint)
      throws Exception {
    java.io.PrintStream saved = System.err;
    java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
    CliRun r;
    try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
      System.setErr(
          new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
      r =
          CliRun.run(
              "",
              "demo",
              "--scenario",
              scenario,
              "--data",
              dir.resolve("demo-" + scenario).toString(),
              "--port",
              Integer.toString(busy.getLocalPort()));
    } finally {
      System.setErr(saved);
    }
    assertThat(r.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(r.err()).startsWith("countersign: ").contains("cannot listen").endsWith(hint + "\n");
    assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8))
        .doesNotContain("level=INFO")
        .doesNotContain("INFO ")
        .doesNotContain("at io.javalin")
        .doesNotContain("Exception");
  }

  @Test
  void missingInputFile_isAFileError() {
    CliRun r =
        CliRun.run(
            "",
            "submit",
            "--server",
            "http://127.0.0.1:9",
            "--key",
            dir.resolve("none.key").toString(),
            dir.resolve("none.json").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(r.err()).startsWith("countersign: ").contains("does not exist");
  }

  @Test
  void keygen_vkeyOfAnExistingKey_printsTheSameVerifierKey() throws Exception {
    Path key = dir.resolve("us.key");
    CliRun made = CliRun.run("", "keygen", "--name", "party.test/us", "--out", key.toString());
    assertThat(made.exitCode()).isZero();
    CliRun again = CliRun.run("", "keygen", "--vkey-of", key.toString());
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out()).isEqualTo(made.out());
    assertThat(Files.readString(key)).isNotEqualTo(again.out());
    assertThat(CliRun.run("", "keygen", "--vkey-of", key.toString(), "--out", "x").exitCode())
        .isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void statementNew_authorOrTreatyNotKnown_refusedNamingTheParticipants() {
    CliRun author = CliRun.run("", "statement", "new", "data-exchange-update", "--author", "UK");
    assertThat(author.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(author.err())
        .startsWith(
            "countersign: --author UK is not a participant of new-start; its participants: ")
        .contains("US")
        .contains("RU");
    CliRun treaty =
        CliRun.run(
            "", "statement", "new", "data-exchange-update", "--author", "US", "--treaty", "nope");
    assertThat(treaty.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(treaty.err()).startsWith("countersign: --treaty nope: ");
    CliRun ok = CliRun.run("", "statement", "new", "data-exchange-update", "--author", "US");
    assertThat(ok.exitCode()).as(ok.err()).isZero();
  }
}
