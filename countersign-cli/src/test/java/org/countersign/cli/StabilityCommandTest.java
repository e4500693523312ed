package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.countersign.stability.Assessor;
import org.countersign.stability.ModelParameters;
import org.countersign.stability.StabilityReport;
import org.countersign.treaty.forces.ForcePostureLoader;
import org.countersign.treaty.loader.TreatyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StabilityCommandTest {
  @TempDir Path dir;

  @Test
  void assess_json_isTheLibrarysBytes_sameAsTheServer() throws Exception {
    Path proposal = dir.resolve("p.yaml");
    Files.writeString(
        proposal,
        new String(
            StabilityCommandTest.class
                .getResourceAsStream("/treaties/integrated-framework.yaml")
                .readAllBytes(),
            java.nio.charset.StandardCharsets.UTF_8));
    CliRun r =
        CliRun.run(
            "",
            "stability",
            "assess",
            "--parties",
            "US,RU",
            "--runs",
            "200",
            "--seed",
            "42",
            "--proposal",
            proposal.toString(),
            "--format",
            "json");
    assertThat(r.exitCode()).as(r.err()).isZero();
    // The server test checks its answer to ?parties=US,RU&runs=200&seed=42&proposal=... against
    // the same library call, so the CLI and the server give byte-identical JSON.
    String expected =
        StabilityReport.json(
            Assessor.assess(
                new Assessor.Request(
                    ForcePostureLoader.builtIn(),
                    List.of("US", "RU"),
                    ModelParameters.defaults(),
                    200,
                    42,
                    true,
                    Optional.of(TreatyLoader.builtIn("integrated-framework")))));
    assertThat(r.out()).isEqualTo(expected);
  }

  @Test
  void assess_text_listsAssumptions() {
    CliRun r = CliRun.run("", "stability", "assess", "--no-sensitivity");
    assertThat(r.exitCode()).isZero();
    assertThat(r.out()).contains("US and RU").contains("Trilateral").contains("Assumptions used");
  }

  @Test
  void assess_badInput_oneLineAndExitTwo_missingFileThree() throws Exception {
    CliRun runs = CliRun.run("", "stability", "assess", "--runs", "100001");
    assertThat(runs.exitCode()).isEqualTo(2);
    assertThat(runs.err()).contains("countersign: runs must be in 0..100000, got 100001");
    Path bad = dir.resolve("forces.yaml");
    Files.writeString(bad, "format: countersign-forces/v1\nasOf: 2025-01-01\n");
    CliRun forces = CliRun.run("", "stability", "assess", "--forces", bad.toString());
    assertThat(forces.exitCode()).isEqualTo(2);
    assertThat(forces.err()).contains("force-posture file refused");
    assertThat(forces.err().strip().lines()).hasSize(1);
    CliRun missing =
        CliRun.run("", "stability", "assess", "--forces", dir.resolve("nope.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.IO_ERROR);
    assertThat(CliRun.run("", "stability", "assess", "--format", "pdf").err())
        .contains("format must be text, json or html");
  }
}
