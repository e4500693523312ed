package org.countersign.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteSigner;
import org.countersign.log.note.SignerKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class WitnessPolicyOptionsTest {
  private static final String[] WITNESSES = {"us", "ru", "cn", "neutral"};

  @TempDir Path dir;
  private final SignerKey log = key("example.org/treaty-log");
  private final List<CosignatureSigner> cosigners = new ArrayList<>();
  private final StringWriter err = new StringWriter();
  private Path policyFile;
  private Checkpoint checkpoint;

  private static SignerKey key(String name) {
    return SignerKey.fromSeed(
        name,
        Hash.sha256(("witness policy options " + name).getBytes(StandardCharsets.UTF_8)).bytes());
  }

  @BeforeEach
  void policy() throws Exception {
    StringBuilder p = new StringBuilder("log " + log.verifierKey() + "\n");
    InstantSource clock = InstantSource.fixed(Instant.parse("2026-11-26T12:00:00Z"));
    for (String w : WITNESSES) {
      CosignatureSigner c = new CosignatureSigner(key("witness." + w + ".example"), clock);
      cosigners.add(c);
      p.append("witness ")
          .append(w)
          .append(' ')
          .append(c.verifierKey())
          .append(" https://witness.")
          .append(w)
          .append(".example\n");
    }
    p.append("group treaty 3 us ru cn neutral\nquorum treaty\n");
    policyFile = Files.writeString(dir.resolve("policy.txt"), p.toString());
    checkpoint =
        new Checkpoint(log.name(), 7, Hash.sha256("root".getBytes(StandardCharsets.UTF_8)));
  }

  private String cosignedBy(int witnesses) {
    List<NoteSigner> signers = new ArrayList<>(List.of(log));
    signers.addAll(cosigners.subList(0, witnesses));
    return Note.sign(checkpoint.body(), signers);
  }

  private WitnessPolicyOptions options(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.witnesses;
  }

  @Command(name = "holder")
  static final class Holder {
    @Mixin WitnessPolicyOptions witnesses;
  }

  private PrintWriter errWriter() {
    return new PrintWriter(err, true);
  }

  @Test
  void check_quorumMet_returnsWitnessedNamingCosigners() throws Exception {
    WitnessPolicyOptions o = options("--witness-policy", policyFile.toString());

    WitnessPolicyOptions.Check c = o.check(cosignedBy(3), "the checkpoint", errWriter());

    assertThat(c.witnessed()).isTrue();
    assertThat(c.summary()).isEqualTo("witness policy satisfied: cosigned by us, ru, cn");
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void check_quorumNotMet_refusesWithVerificationFailureNamingMissingWitnesses() {
    WitnessPolicyOptions o = options("--witness-policy", policyFile.toString());

    assertThatThrownBy(() -> o.check(cosignedBy(2), "the server's checkpoint", errWriter()))
        .isInstanceOfSatisfying(
            CommandFailure.class,
            f -> {
              assertThat(f.exitCode()).isEqualTo(ExitCodes.VERIFICATION_FAILED);
              assertThat(f.getMessage())
                  .startsWith("the server's checkpoint does not satisfy the witness policy")
                  .contains("missing [cn, neutral]")
                  .contains("refusing it");
            });
  }

  @Test
  void check_logSignedOnly_refused() {
    WitnessPolicyOptions o = options("--witness-policy", policyFile.toString());

    assertThatThrownBy(() -> o.check(cosignedBy(0), "the checkpoint", errWriter()))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("does not meet quorum");
  }

  @Test
  void check_notSignedByPolicyLog_refusedEvenWithCosignatures() {
    WitnessPolicyOptions o = options("--witness-policy", policyFile.toString());
    SignerKey impostor = key(log.name() + "-impostor");
    List<NoteSigner> signers = new ArrayList<>(List.of(impostor));
    signers.addAll(cosigners);
    String note = Note.sign(new Checkpoint(impostor.name(), 7, checkpoint.root()).body(), signers);

    assertThatThrownBy(() -> o.check(note, "the checkpoint", errWriter()))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("no valid signature by a log of the policy");
  }

  @Test
  void check_quorumNotMetWithAcceptUnwitnessed_acceptsWithLoudWarning() throws Exception {
    WitnessPolicyOptions o =
        options("--witness-policy", policyFile.toString(), "--accept-unwitnessed");

    WitnessPolicyOptions.Check c = o.check(cosignedBy(1), "the receipt's checkpoint", errWriter());

    assertThat(c.witnessed()).isFalse();
    assertThat(c.summary()).startsWith("NOT WITNESSED (accepted with --accept-unwitnessed)");
    assertThat(err.toString())
        .contains("WARNING: ACCEPTING AN UNWITNESSED CHECKPOINT (--accept-unwitnessed)")
        .contains("the receipt's checkpoint does not satisfy the witness policy")
        .contains("forked history");
  }

  @Test
  void check_noPolicy_acceptsButSaysWitnessingWasNotChecked() throws Exception {
    WitnessPolicyOptions o = options();

    WitnessPolicyOptions.Check c = o.check(cosignedBy(0), "the checkpoint", errWriter());

    assertThat(c.witnessed()).isFalse();
    assertThat(c.summary()).startsWith("witness cosignatures NOT checked (no --witness-policy)");
    assertThat(o.given()).isFalse();
  }

  @Test
  void policy_acceptUnwitnessedWithoutPolicy_usageError() {
    WitnessPolicyOptions o = options("--accept-unwitnessed");

    assertThatThrownBy(o::policy)
        .isInstanceOfSatisfying(
            CommandFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageContaining("--accept-unwitnessed needs --witness-policy");
  }

  @Test
  void policy_malformedFile_usageErrorNamingTheLine() throws Exception {
    Files.writeString(policyFile, "log not-a-key\nquorum none\n");
    WitnessPolicyOptions o = options("--witness-policy", policyFile.toString());

    assertThatThrownBy(o::policy)
        .isInstanceOfSatisfying(
            CommandFailure.class, f -> assertThat(f.exitCode()).isEqualTo(ExitCodes.USAGE))
        .hasMessageContaining("line 1");
  }
}
