package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.negotiation.OpeningSeal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code proposal} and {@code negotiation} commands as a user runs them, error paths too. */
class NegotiationAndProposalCommandsTest {
  @TempDir Path dir;
  Path framework;
  Path lowered;
  Path bad;
  String text;

  @BeforeEach
  void files() throws Exception {
    text =
        new String(
            NegotiationAndProposalCommandsTest.class
                .getResourceAsStream("/treaties/integrated-framework.yaml")
                .readAllBytes(),
            StandardCharsets.UTF_8);
    framework = dir.resolve("framework.yaml");
    Files.writeString(framework, text);
    lowered = dir.resolve("lowered.yaml");
    String l =
        text.replaceFirst("(  - id: deployed-warheads\\n(?:    .*\\n)*?    value: )1350", "$11200");
    assertThat(l).isNotEqualTo(text);
    Files.writeString(lowered, l);
    bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "format: countersign-treaty/v1\nid: [\n");
  }

  static JsonNode json(String s) throws Exception {
    return new ObjectMapper().readTree(s);
  }

  @Test
  void diff_sameText_saysNoDifference_loweredLimit_showsBothValues() {
    CliRun same = CliRun.run("", "proposal", "diff", framework.toString(), framework.toString());
    assertThat(same.exitCode()).as(same.err()).isZero();
    assertThat(same.out()).contains("no difference");
    CliRun d = CliRun.run("", "proposal", "diff", framework.toString(), lowered.toString());
    assertThat(d.exitCode()).as(d.err()).isZero();
    assertThat(d.out()).contains("~ deployed-warheads changed").contains("value: 1350 -> 1200");
    assertThat(d.out()).doesNotContain("launchers changed");
  }

  @Test
  void diff_badFile_isFileLineColumn_exit2() {
    CliRun r = CliRun.run("", "proposal", "diff", bad.toString(), framework.toString());
    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("countersign: ").containsPattern("bad\\.yaml:2:\\d+:");
  }

  @Test
  void evaluate_estimates_loweringOneLimit_asksExactlyTheDifference() throws Exception {
    CliRun base =
        CliRun.run(
            "",
            "proposal",
            "evaluate",
            framework.toString(),
            "--at",
            "2027-11-30",
            "--format",
            "json");
    CliRun low =
        CliRun.run(
            "",
            "proposal",
            "evaluate",
            lowered.toString(),
            "--at",
            "2027-11-30",
            "--format",
            "json");
    assertThat(base.exitCode()).as(base.err()).isZero();
    assertThat(low.exitCode()).as(low.err()).isZero();
    JsonNode b = ask(json(base.out()), "RU", "deployed-warheads");
    JsonNode a = ask(json(low.out()), "RU", "deployed-warheads");
    assertThat(a.get("counted").asLong()).isEqualTo(b.get("counted").asLong());
    long counted = a.get("counted").asLong();
    assertThat(a.get("reduction").asLong()).isEqualTo(Math.max(0, counted - 1200));
    assertThat(a.get("reduction").asLong() - b.get("reduction").asLong())
        .isEqualTo(Math.max(0, counted - 1200) - Math.max(0, counted - 1350));
  }

  @Test
  void evaluate_text_hasTheStabilityColumns() {
    CliRun r = CliRun.run("", "proposal", "evaluate", framework.toString(), "--at", "2027-11-30");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("stability index before -> after")
        .contains("warheads surviving a first strike before -> after");
  }

  @Test
  void evaluate_badUsage_exit2WithReason() {
    CliRun day = CliRun.run("", "proposal", "evaluate", framework.toString(), "--at", "30/11/2027");
    assertThat(day.exitCode()).isEqualTo(2);
    assertThat(day.err()).contains("--at must be a day YYYY-MM-DD");
    CliRun both =
        CliRun.run(
            "",
            "proposal",
            "evaluate",
            framework.toString(),
            "--at",
            "2027-11-30",
            "--server",
            "http://127.0.0.1:1",
            "--log",
            dir.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("not both");
    CliRun file = CliRun.run("", "proposal", "evaluate", bad.toString(), "--at", "2027-11-30");
    assertThat(file.exitCode()).isEqualTo(2);
    assertThat(file.err()).containsPattern("bad\\.yaml:2:\\d+:");
  }

  @Test
  void commitThenReveal_opensTheSeal_andTheSaltIsPrivateAndUsedOnce() throws Exception {
    Path salt = dir.resolve("us.salt");
    CliRun c =
        CliRun.run(
            "",
            "negotiation",
            "commit",
            "--negotiation",
            "integrated-framework",
            "--author",
            "US",
            "--proposal",
            framework.toString(),
            "--salt-out",
            salt.toString());
    assertThat(c.exitCode()).as(c.err()).isZero();
    assertThat(Files.getPosixFilePermissions(salt))
        .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
    String s = Files.readString(salt).strip();
    String digest = TreatyLoader.parse("p", text).digest();
    JsonNode commit = json(c.out());
    assertThat(commit.get("kind").asText()).isEqualTo("opening-commitment");
    assertThat(commit.get("commitment").asText())
        .isEqualTo(OpeningSeal.commitment("integrated-framework", "US", s, digest));

    CliRun again =
        CliRun.run(
            "",
            "negotiation",
            "commit",
            "--negotiation",
            "integrated-framework",
            "--author",
            "US",
            "--proposal",
            framework.toString(),
            "--salt-out",
            salt.toString());
    assertThat(again.exitCode()).isNotZero();
    assertThat(again.err()).contains("exists");
    assertThat(Files.readString(salt).strip()).isEqualTo(s);

    CliRun r =
        CliRun.run(
            "",
            "negotiation",
            "reveal",
            "--negotiation",
            "integrated-framework",
            "--author",
            "US",
            "--proposal",
            framework.toString(),
            "--salt",
            salt.toString(),
            "--rationale",
            "why");
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonNode reveal = json(r.out());
    assertThat(reveal.get("kind").asText()).isEqualTo("proposal");
    assertThat(reveal.get("proposalDigest").asText()).isEqualTo(digest);
    assertThat(reveal.get("openingSalt").asText()).isEqualTo(s);
    assertThat(reveal.get("proposalText").asText()).isEqualTo(text);
  }

  @Test
  void accept_andPropose_refuseBadInputWithAReason() {
    CliRun digest =
        CliRun.run(
            "",
            "negotiation",
            "accept",
            "--negotiation",
            "integrated-framework",
            "--author",
            "US",
            "--digest",
            "xyz");
    assertThat(digest.exitCode()).isEqualTo(2);
    assertThat(digest.err()).contains("64 lowercase hex digits");
    CliRun propose =
        CliRun.run(
            "",
            "negotiation",
            "propose",
            "--negotiation",
            "integrated-framework",
            "--author",
            "US",
            "--proposal",
            bad.toString(),
            "--rationale",
            "r");
    assertThat(propose.exitCode()).isEqualTo(2);
    assertThat(propose.err()).containsPattern("bad\\.yaml:2:\\d+:");
  }

  static JsonNode ask(JsonNode evaluation, String party, String limit) {
    for (JsonNode a : evaluation.get("asks")) {
      if (a.get("party").asText().equals(party) && a.get("limit").asText().equals(limit)) {
        return a;
      }
    }
    throw new AssertionError("no ask " + party + "/" + limit);
  }
}
