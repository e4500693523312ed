package org.countersign.witness.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.countersign.fixtures.FakeClock;
import org.countersign.log.MalformedInputException;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.note.Note;
import org.countersign.testing.TestKeys;
import org.countersign.testing.TestLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WitnessPolicyTest {
  private static final FakeClock CLOCK = new FakeClock(Instant.parse("2026-03-01T12:00:00Z"));
  private static final TestLog LOG = TestLog.main().growTo(10);
  private static final List<CosignatureSigner> W =
      List.of(
          cosigner("witness.us.example/w"), cosigner("witness.ru.example/w"),
          cosigner("witness.cn.example/w"), cosigner("witness.neutral.example/w"));

  private static CosignatureSigner cosigner(String name) {
    return new CosignatureSigner(TestKeys.signer(name), CLOCK);
  }

  private static String policy3of4() {
    return "# three parties and a neutral witness\n"
        + "log "
        + LOG.verifierKey()
        + " https://log.example/\n"
        + "\n"
        + "witness us "
        + W.get(0).verifierKey()
        + " http://127.0.0.1:7001\n"
        + "witness ru "
        + W.get(1).verifierKey()
        + "\n"
        + "witness cn\t"
        + W.get(2).verifierKey()
        + "\n"
        + "  witness neutral "
        + W.get(3).verifierKey()
        + "  \n"
        + "group all-four 3 us ru cn neutral\n"
        + "quorum all-four\n";
  }

  /** The checkpoint of size 10 signed by the log and cosigned by the witnesses given. */
  private static String cosigned(int... witnesses) {
    List<org.countersign.log.note.NoteSigner> signers = new ArrayList<>();
    signers.add(LOG.key());
    for (int w : witnesses) {
      signers.add(W.get(w));
    }
    return Note.sign(LOG.checkpoint(10).body(), signers);
  }

  @Test
  void parse_validPolicy_readsLogsWitnessesAndQuorum() throws Exception {
    WitnessPolicy p = WitnessPolicy.parse(policy3of4());
    assertThat(p.logs())
        .singleElement()
        .satisfies(l -> assertThat(l.origin()).isEqualTo(LOG.origin()))
        .satisfies(
            l ->
                assertThat(l.url())
                    .hasValueSatisfying(
                        u -> assertThat(u.toString()).isEqualTo("https://log.example/")));
    assertThat(p.witnesses()).containsOnlyKeys("us", "ru", "cn", "neutral");
    assertThat(Objects.requireNonNull(p.witnesses().get("us")).url()).isPresent();
    assertThat(Objects.requireNonNull(p.witnesses().get("ru")).url()).isEmpty();
    assertThat(p.quorum())
        .isInstanceOfSatisfying(Quorum.Group.class, g -> assertThat(g.threshold()).isEqualTo(3));
  }

  @Test
  void parse_nestedGroups_evaluatesEachLevel() throws Exception {
    String text =
        "log "
            + LOG.verifierKey()
            + "\n"
            + "witness us "
            + W.get(0).verifierKey()
            + "\n"
            + "witness ru "
            + W.get(1).verifierKey()
            + "\n"
            + "witness cn "
            + W.get(2).verifierKey()
            + "\n"
            + "witness neutral "
            + W.get(3).verifierKey()
            + "\n"
            + "group parties 2 us ru cn\n"
            + "group observers any neutral\n"
            + "group treaty all parties observers\n"
            + "quorum treaty\n";
    WitnessPolicy p = WitnessPolicy.parse(text);
    assertThat(p.quorumHeldBy(Set.of("us", "ru", "neutral"))).isTrue();
    assertThat(p.quorumHeldBy(Set.of("us", "ru", "cn"))).isFalse();
    assertThat(p.quorumHeldBy(Set.of("us", "neutral"))).isFalse();
    assertThat(p.quorumWitnesses())
        .extracting(PolicyWitness::name)
        .containsExactly("us", "ru", "cn", "neutral");
  }

  @Test
  void parse_quorumNone_acceptsLogSignatureAlone() throws Exception {
    WitnessPolicy p = WitnessPolicy.parse("log " + LOG.verifierKey() + "\nquorum none\n");
    CosignedCheckpoint c = p.satisfiedBy(cosigned());
    assertThat(c.checkpoint().size()).isEqualTo(10);
    assertThat(c.cosignatures()).isEmpty();
  }

  @Test
  void parse_quorumSingleWitness_needsThatWitness() throws Exception {
    WitnessPolicy p =
        WitnessPolicy.parse(
            "log " + LOG.verifierKey() + "\nwitness a " + W.get(0).verifierKey() + "\nquorum a\n");
    assertThat(p.satisfiedBy(cosigned(0)).cosignatures()).containsOnlyKeys("a");
    assertThatThrownBy(() -> p.satisfiedBy(cosigned(1)))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> assertThat(e.reason()).isEqualTo(PolicyException.Reason.QUORUM_NOT_MET));
  }

  @Test
  void parse_finalLineWithoutNewline_isAccepted() throws Exception {
    assertThat(WitnessPolicy.parse("log " + LOG.verifierKey() + "\nquorum none").quorum())
        .isInstanceOf(Quorum.None.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          undefined member            | group g any nobody                              | line 6: group g: member "nobody" is not defined
          group contains itself       | group g any g                                   | line 6: group g: member "g" is not defined on an earlier line (a group cannot contain itself)
          cycle via later definition  | group g1 any g2\\ngroup g2 any g1                | line 6: group g1: member "g2" is not defined
          k greater than members      | group g 5 us ru cn neutral                      | line 6: group g: threshold must be between 1 and 4 (its member count), got 5
          k zero                      | group g 0 us ru                                 | line 6: group g: threshold must be all, any or a positive decimal, got "0"
          k leading zero              | group g 02 us ru                                | threshold must be all, any or a positive decimal, got "02"
          member twice in one group   | group g 2 us us                                 | line 6: group g: "us" is already a group member
          member in two groups        | group g1 any us\\ngroup g2 any us                | line 7: group g2: "us" is already a group member
          none as member              | group g any none                                | line 6: group g: "none" cannot be a member
          group without members       | group g any                                     | line 6: expected "group <name> all|any|<k> <name>..." with at least one member
          quorum undefined            | quorum nobody                                   | line 6: quorum "nobody" is not a witness or group defined on an earlier line
          quorum twice                | quorum us\\nquorum ru                            | line 7: quorum is already set to "us"
          redefined name              | witness us LOGKEY                               | line 6: "us" is already defined
          redefined none              | group none any us                               | "none" is predefined and cannot be redefined
          unknown keyword             | monitor m https://m.example/                    | line 6: unknown keyword "monitor"
          witness with log key        | witness w5 LOGKEY                               | line 6: witness w5: key example.org/countersign-test-log+
          extra item                  | quorum us ru                                    | line 6: expected "quorum <name>|none", got 2 items after the keyword
          bad url                     | log LOGKEY2 ftp://log.example/                  | line 6: URL must be absolute http or https
          """)
  void parse_invalidLine_failsNamingLineAndProblem(String what, String extra, String message) {
    String text =
        "witness us "
            + W.get(0).verifierKey()
            + "\n"
            + "witness ru "
            + W.get(1).verifierKey()
            + "\n"
            + "witness cn "
            + W.get(2).verifierKey()
            + "\n"
            + "witness neutral "
            + W.get(3).verifierKey()
            + "\n"
            + "log "
            + LOG.verifierKey()
            + "\n"
            + extra
                .replace("\\n", "\n")
                .replace("LOGKEY2", TestKeys.signer("other.example/log").publicKey().encode())
                .replace("LOGKEY", LOG.verifierKey().encode())
            + "\n"
            + (extra.contains("quorum") ? "" : "quorum none\n");
    assertThatThrownBy(() -> WitnessPolicy.parse(text))
        .as(what)
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void parse_missingQuorum_fails() {
    assertThatThrownBy(() -> WitnessPolicy.parse("log " + LOG.verifierKey() + "\n"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("no quorum line");
  }

  @Test
  void parse_duplicateKeyUnderAnotherName_fails() {
    String k = W.get(0).verifierKey();
    assertThatThrownBy(
            () -> WitnessPolicy.parse("witness a " + k + "\nwitness b " + k + "\nquorum none\n"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("already listed");
  }

  @Test
  void parse_crlf_failsWithHint() {
    assertThatThrownBy(
            () -> WitnessPolicy.parse("log " + LOG.verifierKey() + "\r\nquorum none\r\n"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("CRLF");
  }

  @Test
  void parse_controlCharacter_fails() {
    assertThatThrownBy(() -> WitnessPolicy.parse("quorum none\u0000\n"))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("control character");
  }

  @Test
  void parse_invalidUtf8_fails() {
    byte[] bad = {'q', 'u', 'o', 'r', 'u', 'm', ' ', (byte) 0xff, '\n'};
    assertThatThrownBy(() -> WitnessPolicy.parse(bad))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining("UTF-8");
  }

  @Test
  void parse_commentsAndTabs_areIgnored() throws Exception {
    WitnessPolicy p =
        WitnessPolicy.parse(
            "\t# comment\n   \n\tlog\t" + LOG.verifierKey() + "\t\n# quorum us\nquorum\tnone\n");
    assertThat(p.logs()).hasSize(1);
  }

  @Test
  void parse_32LogsWitnessesAndGroups_supported() throws Exception {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 32; i++) {
      b.append("log ").append(TestKeys.signer("log" + i + ".example/log").publicKey()).append('\n');
      b.append("witness w")
          .append(i)
          .append(' ')
          .append(cosigner("w" + i + ".example/w").verifierKey())
          .append('\n');
      b.append("group g").append(i).append(" any w").append(i).append('\n');
    }
    b.append("group top 20");
    for (int i = 0; i < 32; i++) {
      b.append(" g").append(i);
    }
    b.append("\nquorum top\n");
    WitnessPolicy p = WitnessPolicy.parse(b.toString());
    assertThat(p.logs()).hasSize(32);
    assertThat(p.witnesses()).hasSize(32);
  }

  @Test
  void satisfiedBy_threeOfFour_accepted() throws Exception {
    WitnessPolicy p = WitnessPolicy.parse(policy3of4());
    CosignedCheckpoint c = p.satisfiedBy(cosigned(0, 2, 3));
    assertThat(c.cosignatures()).containsOnlyKeys("us", "cn", "neutral");
    assertThat(Objects.requireNonNull(c.cosignatures().get("us")).timestamp())
        .isEqualTo(CLOCK.instant().getEpochSecond());
    assertThat(c.log().origin()).isEqualTo(LOG.origin());
    assertThat(c.signedNote()).isEqualTo(cosigned(0, 2, 3));
  }

  @Test
  void satisfiedBy_twoOfFour_failsNamingMissingWitnesses() throws Exception {
    WitnessPolicy p = WitnessPolicy.parse(policy3of4());
    assertThatThrownBy(() -> p.satisfiedBy(cosigned(1, 3)))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(PolicyException.Reason.QUORUM_NOT_MET);
              assertThat(e.cosigned()).containsExactly("ru", "neutral");
              assertThat(e.missing()).containsExactly("us", "cn");
            });
  }

  @Test
  void satisfiedBy_noLogSignature_fails() throws Exception {
    WitnessPolicy p = WitnessPolicy.parse(policy3of4());
    String onlyWitnesses = Note.sign(LOG.checkpoint(10).body(), W.get(0), W.get(1), W.get(2));
    assertThatThrownBy(() -> p.satisfiedBy(onlyWitnesses))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> assertThat(e.reason()).isEqualTo(PolicyException.Reason.BAD_SIGNATURE));
  }

  @Test
  void satisfiedBy_logSignatureForAnotherOrigin_fails() throws Exception {
    WitnessPolicy p = WitnessPolicy.parse(policy3of4());
    String otherOrigin =
        Note.sign(
            "other.example/log\n10\n" + LOG.root(10).base64() + "\n",
            LOG.key(),
            W.get(0),
            W.get(1),
            W.get(2));
    assertThatThrownBy(() -> p.satisfiedBy(otherOrigin))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> assertThat(e.reason()).isEqualTo(PolicyException.Reason.BAD_SIGNATURE));
  }

  @Test
  void satisfiedBy_tamperedCosignature_refusesWholeNote() throws Exception {
    WitnessPolicy p = WitnessPolicy.parse(policy3of4());
    String note = cosigned(0, 1, 2, 3);
    int last = note.lastIndexOf("— ");
    int pos = note.length() - 6;
    char c = note.charAt(pos);
    String tampered = note.substring(0, pos) + (c == 'A' ? 'B' : 'A') + note.substring(pos + 1);
    assertThat(last).isLessThan(pos);
    assertThatThrownBy(() -> p.satisfiedBy(tampered))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> assertThat(e.reason()).isEqualTo(PolicyException.Reason.BAD_SIGNATURE));
  }

  @Test
  void satisfiedBy_unknownExtraSignatures_areIgnored() throws Exception {
    WitnessPolicy p = WitnessPolicy.parse(policy3of4());
    String note =
        Note.sign(
            LOG.checkpoint(10).body(),
            LOG.key(),
            W.get(0),
            W.get(1),
            W.get(2),
            cosigner("stranger.example/w"));
    assertThat(p.satisfiedBy(note).cosignatures()).hasSize(3);
  }

  @Test
  void satisfiedBy_notACheckpoint_fails() throws Exception {
    WitnessPolicy p = WitnessPolicy.parse("log " + LOG.verifierKey() + "\nquorum none\n");
    String note = Note.sign(LOG.origin() + "\nhello\n", LOG.key());
    assertThatThrownBy(() -> p.satisfiedBy(note))
        .isInstanceOfSatisfying(
            PolicyException.class,
            e -> assertThat(e.reason()).isEqualTo(PolicyException.Reason.MALFORMED));
  }

  @Test
  void builder_rejectsDoubleQuorumAndUndefinedNames() {
    WitnessPolicy.Builder b = WitnessPolicy.builder().quorum("none");
    assertThatThrownBy(() -> b.quorum("none")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> WitnessPolicy.builder().group("g", 1, List.of("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"x\"");
    assertThatThrownBy(() -> WitnessPolicy.builder().build())
        .isInstanceOf(IllegalStateException.class);
  }
}
