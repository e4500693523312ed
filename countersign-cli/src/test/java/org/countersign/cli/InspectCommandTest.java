package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.countersign.log.Hash;
import org.countersign.treaty.inspection.JointDraw;
import org.countersign.treaty.inspection.RandomnessCommitments;
import org.countersign.treaty.statement.InspectionCheckpoint;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  private static final Instant T0 = Instant.parse("2025-05-04T09:00:00Z");
  private static final InspectionRequest REQUEST =
      new InspectionRequest(
          "new-start",
          "US",
          T0,
          "r-1",
          "type-one",
          15,
          "RU",
          "kozelsk",
          new InspectionCheckpoint(
              "log.example/new-start", 4242, Hash.sha256(new byte[] {42}).hex()),
          "",
          500,
          1,
          T0.plusSeconds(12 * 3600),
          T0.plusSeconds(24 * 3600));

  @TempDir Path dir;

  private Path write(String name, Statement s) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, StatementFiles.json(s), StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void plan_workedExample_printsExactIaeaAndMultiYearFigures() {
    CliRun r =
        CliRun.run(
            "",
            "inspect",
            "plan",
            "--items",
            "500",
            "--violations",
            "20",
            "--quota",
            "10",
            "--goal",
            "0.95",
            "--years",
            "5");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
        10 inspections a year of 1 item each: n = 10
        N = 500 items, k = 20 violating
        a sample of n = 10 catches at least one with probability 0.337688 (exact hypergeometric)
        goal 0.95: the smallest sample is n = 69 (probability 0.951810); IAEA attribute-sampling approximation n = 69.55
        within 5 years at n = 10 a year: 0.872558 with a fresh sample each year, 0.883589 with no item inspected twice
        """);
  }

  @Test
  void plan_goalOnly_andBadParameters() {
    CliRun goal =
        CliRun.run("", "inspect", "plan", "--items", "500", "--violations", "5", "--goal", "0.9");
    assertThat(goal.out())
        .contains("goal 0.9: the smallest sample is n = 184")
        .contains("n = 184.52");
    CliRun tooMany =
        CliRun.run(
            "", "inspect", "plan", "--items", "500", "--violations", "501", "--sample", "10");
    assertThat(tooMany.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(tooMany.err()).contains("k (violating items) must be 0..N = 500, got 501");
    CliRun neither = CliRun.run("", "inspect", "plan", "--items", "500", "--violations", "5");
    assertThat(neither.err()).contains("give a sample size n or a detection goal");
    CliRun both =
        CliRun.run(
            "",
            "inspect",
            "plan",
            "--items",
            "500",
            "--violations",
            "5",
            "--sample",
            "3",
            "--quota",
            "2");
    assertThat(both.err()).contains("give --sample or --quota, not both");
  }

  @Test
  void draw_fromPublicStatements_recomputesTheSeedAndChecksCommitments() throws Exception {
    byte[] us = new byte[32];
    byte[] ru = new byte[32];
    us[0] = 1;
    ru[31] = 2;
    Path request = write("request.json", REQUEST);
    Path usReveal =
        write(
            "us-reveal.json",
            RandomnessCommitments.reveal("new-start", "US", T0.plusSeconds(50_000), "r-1", us));
    Path ruReveal =
        write(
            "ru-reveal.json",
            RandomnessCommitments.reveal("new-start", "RU", T0.plusSeconds(50_000), "r-1", ru));
    Path usCommit =
        write(
            "us-commit.json",
            RandomnessCommitments.commit("new-start", "US", T0.plusSeconds(60), "r-1", us));
    Path ruCommit =
        write(
            "ru-commit.json",
            RandomnessCommitments.commit("new-start", "RU", T0.plusSeconds(60), "r-1", ru));
    Hash seed = JointDraw.seed(REQUEST, us, ru);
    long designated = JointDraw.positions(REQUEST, seed)[0];

    CliRun r =
        CliRun.run(
            "",
            "inspect",
            "draw",
            "--request",
            request.toString(),
            "--reveal",
            ruReveal.toString(),
            "--reveal",
            usReveal.toString(),
            "--commit",
            usCommit.toString(),
            "--commit",
            ruCommit.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("request r-1: US inspects RU at kozelsk (type-one, treaty year 15)")
        .contains("seed " + seed.hex())
        .contains("designated position " + designated)
        .contains("ok   US's reveal matches its commitment")
        .contains("ok   RU's reveal matches its commitment");

    // A signed entry as submit saves it works too.
    Path note = dir.resolve("request.note");
    Files.writeString(
        note,
        StatementCodec.encodeText(REQUEST, "countersign.local/new-start") + "\n\u2014 US abcd\n");
    assertThat(
            CliRun.run(
                    "",
                    "inspect",
                    "draw",
                    "--request",
                    note.toString(),
                    "--reveal",
                    ruReveal.toString(),
                    "--reveal",
                    usReveal.toString())
                .out())
        .contains("seed " + seed.hex());

    // Another value hashes to another seed, and fails its commitment.
    byte[] other = ru.clone();
    other[0] ^= 1;
    Path forged =
        write(
            "forged.json",
            RandomnessCommitments.reveal("new-start", "RU", T0.plusSeconds(50_000), "r-1", other));
    CliRun f =
        CliRun.run(
            "",
            "inspect",
            "draw",
            "--request",
            request.toString(),
            "--reveal",
            forged.toString(),
            "--reveal",
            usReveal.toString(),
            "--commit",
            ruCommit.toString());
    assertThat(f.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
    assertThat(f.out())
        .contains("FAIL RU's revealed value hashes to")
        .doesNotContain("seed " + seed.hex());
  }

  @Test
  void draw_oneRevealOrForeignStatement() throws Exception {
    byte[] us = new byte[32];
    Path request = write("request.json", REQUEST);
    Path usReveal =
        write(
            "us-reveal.json",
            RandomnessCommitments.reveal("new-start", "US", T0.plusSeconds(50_000), "r-1", us));
    CliRun one =
        CliRun.run(
            "",
            "inspect",
            "draw",
            "--request",
            request.toString(),
            "--reveal",
            usReveal.toString());
    assertThat(one.exitCode()).isZero();
    assertThat(one.out())
        .contains("only US's value is given: this is the draw if RU's value is forfeited")
        .contains("seed " + JointDraw.seed(REQUEST, us, null).hex());
    Path otherRequest =
        write("other.json", RandomnessCommitments.reveal("new-start", "US", T0, "r-2", us));
    CliRun foreign =
        CliRun.run(
            "",
            "inspect",
            "draw",
            "--request",
            request.toString(),
            "--reveal",
            otherRequest.toString());
    assertThat(foreign.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(foreign.err())
        .contains("is for request r-2 of new-start, not request r-1 of new-start");
    Path thirdParty =
        write("cn.json", RandomnessCommitments.reveal("new-start", "CN", T0, "r-1", us));
    assertThat(
            CliRun.run(
                    "",
                    "inspect",
                    "draw",
                    "--request",
                    request.toString(),
                    "--reveal",
                    thirdParty.toString())
                .err())
        .contains("is by CN, who is neither side of request r-1 (US inspects RU)");
  }
}
