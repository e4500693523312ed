package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.EscrowTotal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EscrowCommandTest {
  private static final String ITEMS_JSON =
      """
      [
        {"id": "RS-24-0107", "category": "icbm", "status": "deployed", "site": "kozelsk", "attributes": {"warheads": 4}},
        {"id": "RS-24-0108", "category": "icbm", "status": "deployed", "site": "kozelsk", "attributes": {"warheads": 3}},
        {"id": "RS-24-0200", "category": "icbm", "status": "non-deployed", "site": "yasny", "attributes": {"warheads": 0}},
        {"id": "TU-160-01", "category": "heavy-bomber", "status": "deployed", "site": "engels", "attributes": {"nuclear-armaments": 1}}
      ]
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private Path key() {
    Path k = dir.resolve("vault.key");
    if (!Files.exists(k)) {
      assertThat(CliRun.run("", "escrow", "key", "--out", k.toString()).exitCode()).isZero();
    }
    return k;
  }

  private CliRun commit(Path items, String vault, String out) {
    return CliRun.run(
        "",
        "escrow",
        "commit",
        "--items",
        items.toString(),
        "--vault",
        dir.resolve(vault).toString(),
        "--key-file",
        key().toString(),
        "--party",
        "RU",
        "--treaty",
        "new-start",
        "--as-of",
        "2025-09-01",
        "--out",
        dir.resolve(out).toString());
  }

  private static EscrowCommitment commitment(Path file) throws Exception {
    return (EscrowCommitment) StatementJson.parse(Files.readAllBytes(file), InstantSource.system());
  }

  /** A run with {@code env} as the environment the commands read passphrases from. */
  private static CliRun withEnv(Map<String, String> env, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter err = new StringWriter();
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> cls) throws Exception {
            if (cls == EscrowCommand.Commit.class) {
              return cls.cast(
                  new EscrowCommand.Commit(InstantSource.system(), new SecureRandom(), env::get));
            }
            if (cls == EscrowCommand.Reveal.class) {
              return cls.cast(new EscrowCommand.Reveal(InstantSource.system(), env::get));
            }
            return CommandLine.defaultFactory().create(cls);
          }
        };
    CommandLine cli =
        Main.commandLine(new Main(new ByteArrayInputStream(new byte[0]), out), null, factory);
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString());
  }

  @Test
  void commit_jsonItems_writesOwnerOnlyVaultAndASubmittableStatement() throws Exception {
    CliRun r = commit(write("items.json", ITEMS_JSON), "ru.vault", "commitment.json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    EscrowCommitment c = commitment(dir.resolve("commitment.json"));
    assertThat(c.author()).isEqualTo("RU");
    assertThat(c.itemCount()).isEqualTo(4);
    assertThat(c.previousRoot()).isEmpty();
    assertThat(c.totals())
        .containsExactly(
            new EscrowTotal("heavy-bomber", "deployed", 1, Map.of("nuclear-armaments", 1L)),
            new EscrowTotal("icbm", "deployed", 2, Map.of("warheads", 7L)),
            new EscrowTotal("icbm", "non-deployed", 1, Map.of("warheads", 0L)));
    assertThat(Files.readString(dir.resolve("commitment.json")))
        .doesNotContain("issuedAt")
        .doesNotContain("RS-24");
    assertThat(
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("ru.vault"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key())))
        .isEqualTo("rw-------");
    assertThat(r.out())
        .contains("committed 4 items as of 2025-09-01: root " + c.root())
        .contains("icbm/deployed: 2 items {warheads=7}");
  }

  @Test
  void commit_bomberLeavingItsFlagToTheDefault_isCommittedWithTheDefaultWrittenOut()
      throws Exception {
    // The published sums count only stated values: left implicit, the Tu-95MS's default flag of 1
    // would add 0 to nuclear-armaments and the escrowed total would undercount its warheads.
    Path items =
        write(
            "items.json",
            """
            [
              {"id": "TU-160-01", "category": "heavy-bomber", "status": "deployed", "site": "engels", "type": "tu-160", "attributes": {"nuclear-armaments": 1}},
              {"id": "TU-95-07", "category": "heavy-bomber", "status": "deployed", "site": "engels", "type": "tu-95ms"}
            ]
            """);
    CliRun r = commit(items, "ru.vault", "commitment.json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(commitment(dir.resolve("commitment.json")).totals())
        .containsExactly(
            new EscrowTotal("heavy-bomber", "deployed", 2, Map.of("nuclear-armaments", 2L)));
    assertThat(r.out()).contains("1 item committed with the treaty's default");
    CliRun reveal =
        CliRun.run(
            "",
            "escrow",
            "reveal",
            "--vault",
            dir.resolve("ru.vault").toString(),
            "--key-file",
            key().toString(),
            "--party",
            "RU",
            "--treaty",
            "new-start",
            "--out",
            dir.resolve("reveal").toString(),
            "--item",
            "TU-95-07");
    assertThat(reveal.exitCode()).as(reveal.err()).isZero();
    assertThat(Files.readString(dir.resolve("reveal/reveal-part-1-of-1.json")))
        .contains("\"nuclear-armaments\" : 1")
        .contains("tu-95ms");
  }

  @Test
  void commit_csvItems_sameTotalsAsJson() throws Exception {
    Path csv =
        write(
            "items.csv",
            """
        id,category,status,site,zone,warheads,nuclear-armaments
        RS-24-0107,icbm,deployed,kozelsk,,4,
        RS-24-0108,icbm,deployed,kozelsk,,3,
        RS-24-0200,icbm,non-deployed,yasny,,0,
        TU-160-01,heavy-bomber,deployed,engels,,,1
        """);
    assertThat(commit(csv, "csv.vault", "csv.json").exitCode()).isZero();
    assertThat(commit(write("items.json", ITEMS_JSON), "json.vault", "json.json").exitCode())
        .isZero();
    EscrowCommitment a = commitment(dir.resolve("csv.json"));
    EscrowCommitment b = commitment(dir.resolve("json.json"));
    assertThat(a.totals()).isEqualTo(b.totals());
    assertThat(a.root()).isNotEqualTo(b.root()); // fresh salts every time
  }

  @Test
  void commit_badInput_refusedPreciselyAndNothingWritten() throws Exception {
    CliRun wrongStatus =
        commit(
            write("a.json", ITEMS_JSON.replace("\"non-deployed\"", "\"converted\"")),
            "a.vault",
            "a.json.out");
    assertThat(wrongStatus.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrongStatus.err())
        .contains(
            "a.json: item 3 (RS-24-0200) does not fit new-start: status: \"converted\" is not a status of icbm");
    CliRun unknownField =
        commit(
            write("b.json", ITEMS_JSON.replace("\"site\": \"yasny\"", "\"sight\": \"yasny\"")),
            "b.vault",
            "b.out");
    assertThat(unknownField.err()).contains("b.json: items[2] has unknown field \"sight\"");
    CliRun badCsv =
        commit(
            write(
                "c.csv",
                "id,category,status,site,zone,warheads\nRS-1,icbm,deployed,kozelsk,,four\n"),
            "c.vault",
            "c.out");
    assertThat(badCsv.err())
        .contains(
            "c.csv: line 2 (RS-1): warheads must be a non-negative decimal integer, got \"four\"");
    CliRun duplicate =
        commit(write("d.json", ITEMS_JSON.replace("RS-24-0108", "RS-24-0107")), "d.vault", "d.out");
    assertThat(duplicate.err()).contains("item id RS-24-0107 is declared twice");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".vault") || n.endsWith(".out"));
    }
    assertThat(commit(write("e.json", ITEMS_JSON), "e.vault", "e.out").exitCode()).isZero();
    CliRun again = commit(dir.resolve("e.json"), "e.vault", "f.out");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(again.err()).contains("e.vault exists; a vault or statement is never overwritten");
  }

  @Test
  void reveal_siteAndSample_partsVerifyAgainstTheCommitment() throws Exception {
    assertThat(commit(write("items.json", ITEMS_JSON), "ru.vault", "commitment.json").exitCode())
        .isZero();
    CliRun site =
        CliRun.run(
            "",
            "escrow",
            "reveal",
            "--vault",
            dir.resolve("ru.vault").toString(),
            "--key-file",
            key().toString(),
            "--site",
            "kozelsk",
            "--party",
            "RU",
            "--treaty",
            "new-start",
            "--out",
            dir.resolve("site").toString());
    assertThat(site.exitCode()).as(site.err()).isZero();
    assertThat(site.out())
        .contains("opened 2 of 4 items of commitment")
        .contains("(site) in 1 part(s)");
    Path part = dir.resolve("site/reveal-part-1-of-1.json");
    EscrowReveal reveal =
        (EscrowReveal) StatementJson.parse(Files.readAllBytes(part), InstantSource.system());
    assertThat(reveal.items())
        .extracting(i -> i.id())
        .containsExactlyInAnyOrder("RS-24-0107", "RS-24-0108");

    CliRun sample =
        CliRun.run(
            "",
            "escrow",
            "reveal",
            "--vault",
            dir.resolve("ru.vault").toString(),
            "--key-file",
            key().toString(),
            "--sample",
            "2",
            "--seed",
            "ab".repeat(32),
            "--reference",
            "r-7",
            "--party",
            "RU",
            "--treaty",
            "new-start",
            "--out",
            dir.resolve("sample").toString());
    assertThat(sample.exitCode()).as(sample.err()).isZero();

    CliRun verify =
        CliRun.run(
            "",
            "escrow",
            "verify",
            "--commitment",
            dir.resolve("commitment.json").toString(),
            "--reveal",
            part.toString(),
            "--reveal",
            dir.resolve("sample/reveal-part-1-of-1.json").toString());
    assertThat(verify.exitCode()).as(verify.out()).isZero();
    assertThat(verify.out())
        .contains(
            "ok   every item of site kozelsk: all 1 part(s) together open exactly what it claims")
        .contains("ok   the sample of 2 leaves drawn from seed " + "ab".repeat(32))
        .endsWith("verified: every reveal opens the commitment and agrees with its totals\n");
  }

  @Test
  void reveal_withASignerKeyForTheVaultKey_oneLineNamingTheFileOnce() throws Exception {
    assertThat(commit(write("items.json", ITEMS_JSON), "ru.vault", "commitment.json").exitCode())
        .isZero();
    Path signer = dir.resolve("ru.key");
    assertThat(
            CliRun.run("", "keygen", "--name", "party.test/ru", "--out", signer.toString())
                .exitCode())
        .isZero();
    CliRun r =
        CliRun.run(
            "",
            "escrow",
            "reveal",
            "--vault",
            dir.resolve("ru.vault").toString(),
            "--key-file",
            signer.toString(),
            "--site",
            "engels",
            "--party",
            "RU",
            "--treaty",
            "new-start",
            "--out",
            dir.resolve("out").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .startsWith("countersign: key file " + signer + " must hold 64 lowercase hex digits")
        .contains("not a signer key");
    assertThat(r.err().split(java.util.regex.Pattern.quote(signer.toString()), -1)).hasSize(2);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void reveal_siteThatSelectsNothing_isAnErrorNamingTheVaultsSites() throws Exception {
    assertThat(commit(write("items.json", ITEMS_JSON), "ru.vault", "commitment.json").exitCode())
        .isZero();
    CliRun r =
        CliRun.run(
            "",
            "escrow",
            "reveal",
            "--vault",
            dir.resolve("ru.vault").toString(),
            "--key-file",
            key().toString(),
            "--site",
            "nowhere",
            "--party",
            "RU",
            "--treaty",
            "new-start",
            "--out",
            dir.resolve("nowhere").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err())
        .isEqualTo(
            "countersign: no item of the vault is in site \"nowhere\"; the vault's sites: engels,"
                + " kozelsk, yasny\n");
    assertThat(dir.resolve("nowhere")).doesNotExist();
  }

  @Test
  void verify_alteredItemOrLyingTotals_failsNamingIt() throws Exception {
    assertThat(commit(write("items.json", ITEMS_JSON), "ru.vault", "commitment.json").exitCode())
        .isZero();
    assertThat(
            CliRun.run(
                    "",
                    "escrow",
                    "reveal",
                    "--vault",
                    dir.resolve("ru.vault").toString(),
                    "--key-file",
                    key().toString(),
                    "--category",
                    "icbm",
                    "--party",
                    "RU",
                    "--treaty",
                    "new-start",
                    "--out",
                    dir.resolve("icbm").toString())
                .exitCode())
        .isZero();
    Path part = dir.resolve("icbm/reveal-part-1-of-1.json");
    Path altered =
        write(
            "altered.json", Files.readString(part).replace("\"warheads\" : 4", "\"warheads\" : 2"));
    assertThat(Files.readString(altered)).isNotEqualTo(Files.readString(part));
    CliRun v =
        CliRun.run(
            "",
            "escrow",
            "verify",
            "--commitment",
            dir.resolve("commitment.json").toString(),
            "--reveal",
            altered.toString());
    assertThat(v.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(v.out())
        .contains("FAIL " + altered + ": item RS-24-0107 at leaf")
        .contains("NOT VERIFIED");

    Path lying =
        write(
            "lying.json",
            Files.readString(dir.resolve("commitment.json"))
                .replace("\"warheads\" : 7", "\"warheads\" : 6"));
    CliRun t =
        CliRun.run(
            "", "escrow", "verify", "--commitment", lying.toString(), "--reveal", part.toString());
    assertThat(t.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(t.out())
        .contains(
            "FAIL revealed icbm/deployed items carry 7 warheads but the commitment of entry 0 declares 6 in total");
  }

  @Test
  void passphraseVault_wrongPassphrase_refused() throws Exception {
    Path items = write("items.json", ITEMS_JSON);
    CliRun c =
        withEnv(
            Map.of("VAULT_PASS", "correct horse battery staple"),
            "escrow",
            "commit",
            "--items",
            items.toString(),
            "--vault",
            dir.resolve("p.vault").toString(),
            "--passphrase-env",
            "VAULT_PASS",
            "--party",
            "RU",
            "--treaty",
            "new-start",
            "--as-of",
            "2025-09-01",
            "--out",
            dir.resolve("p.json").toString());
    assertThat(c.exitCode()).as(c.err()).isZero();
    CliRun wrong =
        withEnv(
            Map.of("VAULT_PASS", "wrong"),
            "escrow",
            "reveal",
            "--vault",
            dir.resolve("p.vault").toString(),
            "--passphrase-env",
            "VAULT_PASS",
            "--item",
            "TU-160-01",
            "--party",
            "RU",
            "--treaty",
            "new-start",
            "--out",
            dir.resolve("p").toString());
    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrong.err()).contains("wrong passphrase or key, or the file was altered");
    CliRun unset =
        withEnv(
            Map.of(),
            "escrow",
            "reveal",
            "--vault",
            dir.resolve("p.vault").toString(),
            "--passphrase-env",
            "NOPE",
            "--item",
            "TU-160-01",
            "--party",
            "RU",
            "--treaty",
            "new-start",
            "--out",
            dir.resolve("p").toString());
    assertThat(unset.err()).contains("environment variable NOPE is not set or empty");
    assertThat(Files.exists(dir.resolve("p"))).isFalse();
  }

  @Test
  void verify_loggedEntryText_acceptedLikeJson() throws Exception {
    assertThat(commit(write("items.json", ITEMS_JSON), "ru.vault", "commitment.json").exitCode())
        .isZero();
    EscrowCommitment c = commitment(dir.resolve("commitment.json"));
    Path note =
        write(
            "commitment.note",
            org.countersign.treaty.statement.StatementCodec.encodeText(
                    c, "countersign.local/new-start")
                + "\n\u2014 RU abcd\n");
    assertThat(
            CliRun.run(
                    "",
                    "escrow",
                    "reveal",
                    "--vault",
                    dir.resolve("ru.vault").toString(),
                    "--key-file",
                    key().toString(),
                    "--item",
                    "TU-160-01",
                    "--party",
                    "RU",
                    "--treaty",
                    "new-start",
                    "--out",
                    dir.resolve("one").toString())
                .exitCode())
        .isZero();
    CliRun v =
        CliRun.run(
            "",
            "escrow",
            "verify",
            "--commitment",
            note.toString(),
            "--reveal",
            dir.resolve("one/reveal-part-1-of-1.json").toString());
    assertThat(v.exitCode()).as(v.out() + v.err()).isZero();
    CliRun wrongKind =
        CliRun.run(
            "",
            "escrow",
            "verify",
            "--commitment",
            dir.resolve("one/reveal-part-1-of-1.json").toString(),
            "--reveal",
            dir.resolve("one/reveal-part-1-of-1.json").toString());
    assertThat(wrongKind.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(wrongKind.err())
        .contains("holds a statement of kind escrow-reveal, not escrow-commitment");
  }

  @Test
  void commit_manyItems_revealCutIntoPartsThatVerifyTogether() throws Exception {
    var b = new StringBuilder("id,category,status,site,zone,warheads\n");
    for (int i = 0; i < 3000; i++) {
      b.append("RS-")
          .append(i)
          .append(",icbm,deployed,site-")
          .append(i % 3)
          .append(",,")
          .append(i % 5)
          .append('\n');
    }
    assertThat(commit(write("many.csv", b.toString()), "many.vault", "many.json").exitCode())
        .isZero();
    CliRun r =
        CliRun.run(
            "",
            "escrow",
            "reveal",
            "--vault",
            dir.resolve("many.vault").toString(),
            "--key-file",
            key().toString(),
            "--site",
            "site-1",
            "--party",
            "RU",
            "--treaty",
            "new-start",
            "--out",
            dir.resolve("many").toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    List<String> args =
        new java.util.ArrayList<>(
            List.of("escrow", "verify", "--commitment", dir.resolve("many.json").toString()));
    try (Stream<Path> parts = Files.list(dir.resolve("many"))) {
      parts
          .sorted()
          .forEach(
              p -> {
                args.add("--reveal");
                args.add(p.toString());
              });
    }
    assertThat(args.size()).isGreaterThan(6); // more than one part
    CliRun v = CliRun.run("", args.toArray(String[]::new));
    assertThat(v.exitCode()).as(v.out()).isZero();
    assertThat(v.out()).contains("every item of site site-1: all");
  }
}
