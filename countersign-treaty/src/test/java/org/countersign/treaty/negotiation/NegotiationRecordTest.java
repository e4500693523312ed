package org.countersign.treaty.negotiation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.negotiation.NegotiationReport.Finding;
import org.countersign.treaty.statement.Acceptance;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.NegotiationTerms;
import org.countersign.treaty.statement.OpeningCommitment;
import org.countersign.treaty.statement.Proposal;
import org.countersign.treaty.statement.ProposalWithdrawal;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.Test;

class NegotiationRecordTest {
  static final String ID = "integrated-framework";
  static final Instant T0 = Instant.parse("2027-01-10T09:00:00Z");
  static final String SALT_US = "11".repeat(32);
  static final String SALT_RU = "22".repeat(32);
  static final String SALT_CN = "33".repeat(32);

  final List<LoggedStatement<?>> log = new ArrayList<>();

  static String text() {
    try (InputStream in = TreatyLoader.class.getResourceAsStream("/treaties/" + ID + ".yaml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String variant(String name) {
    return text().replaceFirst("(?m)^name: .*$", "name: " + name);
  }

  static String digest(String text) {
    try {
      return TreatyLoader.parse("t", text).digest();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Instant at(int hours) {
    return T0.plusSeconds(3600L * hours);
  }

  long add(Statement s) {
    long i = log.size();
    log.add(new LoggedStatement<>(i, s));
    return i;
  }

  void terms() {
    add(
        new NegotiationTerms(
            ID, "US", T0, List.of("US", "RU", "CN"), at(48), at(96), "An integrated framework"));
  }

  Proposal opening(String party, String salt, String text, int hours) {
    return new Proposal(ID, party, at(hours), text, digest(text), "", party + " opens", salt);
  }

  OpeningCommitment commit(String party, String salt, String text, int hours) {
    return new OpeningCommitment(
        ID, party, at(hours), OpeningSeal.commitment(ID, party, salt, digest(text)));
  }

  NegotiationReport report() {
    return NegotiationRecord.replay(ID, log).reportAt(at(1000));
  }

  @Test
  void sealedOpenings_counterProposal_acceptedByAll_isAgreed() {
    String us = variant("US opening (hypothetical)");
    String ru = variant("RU opening (hypothetical)");
    String cn = variant("CN opening (hypothetical)");
    String counter = variant("Counter-proposal (hypothetical)");
    terms();
    add(commit("US", SALT_US, us, 1));
    add(commit("RU", SALT_RU, ru, 2));
    add(commit("CN", SALT_CN, cn, 3));
    add(opening("US", SALT_US, us, 50));
    add(opening("RU", SALT_RU, ru, 51));
    add(opening("CN", SALT_CN, cn, 52));
    add(new Proposal(ID, "RU", at(60), counter, digest(counter), digest(us), "trade", ""));
    add(new Acceptance(ID, "US", at(70), digest(counter), List.of()));
    add(new Acceptance(ID, "CN", at(71), digest(counter), List.of("ceilings above our level")));
    assertThat(report().agreed()).isNull();
    long last = add(new Acceptance(ID, "RU", at(72), digest(counter), List.of()));

    NegotiationReport r = report();

    assertThat(r.findings()).isEmpty();
    assertThat(r.inadmissible()).isEmpty();
    assertThat(r.openings()).extracting(NegotiationReport.Opening::status).containsOnly("revealed");
    assertThat(r.agreed()).isNotNull();
    assertThat(r.agreed().digest()).isEqualTo(digest(counter));
    assertThat(r.agreed().index()).isEqualTo(last);
    assertThat(r.agreed().acceptances().get(2).reservations())
        .containsExactly("ceilings above our level");
    assertThat(r.proposals()).hasSize(4);
    assertThat(r.proposals().get(3).answers()).isEqualTo(digest(us));
    assertThat(r.toText()).contains("Agreed text: " + digest(counter));
    assertThat(r.canonicalJson())
        .isEqualTo(NegotiationRecord.replay(ID, log).reportAt(at(1000)).canonicalJson());
  }

  @Test
  void reveal_notOpeningItsCommitment_isAFinding() {
    String us = variant("US opening");
    terms();
    add(commit("US", SALT_US, us, 1));
    add(commit("RU", SALT_RU, us, 1));
    add(commit("CN", SALT_CN, us, 1));
    long reveal = add(opening("US", SALT_RU, us, 50)); // the wrong salt

    NegotiationReport r = report();

    assertThat(r.findings())
        .filteredOn(f -> f.kind().equals("reveal-mismatch"))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.index()).isEqualTo(reveal);
              assertThat(f.party()).isEqualTo("US");
              assertThat(f.detail()).contains("do not open the commitment");
            });
    assertThat(r.openings().get(0).status()).isEqualTo("mismatch");
  }

  @Test
  void reveal_beforeAllCommitments_isAFinding_andLateRevealToo() {
    String us = variant("US opening");
    terms();
    add(commit("US", SALT_US, us, 1));
    add(commit("RU", SALT_RU, us, 2));
    long early = add(opening("US", SALT_US, us, 100)); // CN has not committed; after revealBy

    NegotiationReport r = report();

    assertThat(r.findings())
        .extracting(Finding::kind)
        .contains("reveal-before-all-commitments", "late-reveal", "no-commitment-by-deadline");
    assertThat(r.findings())
        .filteredOn(f -> f.kind().equals("reveal-before-all-commitments"))
        .singleElement()
        .satisfies(
            f -> assertThat(f.detail()).contains("CN had not committed").contains("" + early));
    assertThat(r.findings())
        .filteredOn(f -> f.kind().equals("not-revealed"))
        .extracting(Finding::party)
        .containsExactly("RU");
  }

  @Test
  void acceptance_ofUnknownDigest_isRefusedWithReason() {
    terms();
    var record = NegotiationRecord.replay(ID, log);
    String unknown = "ab".repeat(32);

    assertThatThrownBy(
            () -> record.checkAdmissible(new Acceptance(ID, "RU", at(5), unknown, List.of())))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessageContaining("accepts " + unknown + ", which no logged proposal carries");
    add(new Acceptance(ID, "RU", at(5), unknown, List.of()));
    assertThat(report().inadmissible())
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).contains("no logged proposal"));
  }

  @Test
  void proposal_withBadText_isRefusedWithLineAndColumn() throws Exception {
    terms();
    var record = NegotiationRecord.replay(ID, log);
    String bad = text().replace("    value: 1350\n", "    value: lots\n");
    var p = new Proposal(ID, "US", at(5), bad, "cd".repeat(32), "", "r", "");

    assertThatThrownBy(() -> record.checkAdmissible(p))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessageMatching("(?s).*proposal:\\d+:\\d+.*value.*");
  }

  @Test
  void proposal_withWrongDigest_isRefused() {
    terms();
    var record = NegotiationRecord.replay(ID, log);
    var p = new Proposal(ID, "US", at(5), text(), "cd".repeat(32), "", "r", "");

    assertThatThrownBy(() -> record.checkAdmissible(p))
        .hasMessageContaining("is not the digest of the proposed text, " + digest(text()));
  }

  @Test
  void withdrawnProposal_cannotBeAccepted_andOthersCannotWithdrawIt() {
    terms();
    String t = variant("P");
    add(new Proposal(ID, "US", at(5), t, digest(t), "", "r", ""));
    var record = NegotiationRecord.replay(ID, log);
    assertThatThrownBy(
            () -> record.checkAdmissible(new ProposalWithdrawal(ID, "RU", at(6), digest(t), "no")))
        .hasMessageContaining("RU made no proposal");
    add(new ProposalWithdrawal(ID, "US", at(6), digest(t), "superseded"));
    var after = NegotiationRecord.replay(ID, log);
    assertThatThrownBy(
            () -> after.checkAdmissible(new Acceptance(ID, "RU", at(7), digest(t), List.of())))
        .hasMessageContaining("withdrew at index 2");
  }

  @Test
  void beforeTerms_andSecondTerms_andNonParty_areRefused() {
    var empty = new NegotiationRecord(ID);
    assertThatThrownBy(() -> empty.checkAdmissible(commit("US", SALT_US, text(), 1)))
        .hasMessageContaining("no terms yet");
    terms();
    var record = NegotiationRecord.replay(ID, log);
    assertThatThrownBy(
            () ->
                record.checkAdmissible(
                    new NegotiationTerms(ID, "RU", at(1), List.of("US", "RU"), at(2), at(3), "x")))
        .hasMessageContaining("terms were given at index 0");
    assertThatThrownBy(() -> record.checkAdmissible(commit("FR", SALT_US, text(), 1)))
        .hasMessageContaining("not a negotiating party");
  }

  @Test
  void statements_roundTripThroughTheCodec() throws Exception {
    String t = variant("P");
    List<Statement> all =
        List.of(
            new NegotiationTerms(ID, "US", T0, List.of("US", "RU", "CN"), at(1), at(2), "s"),
            commit("US", SALT_US, t, 1),
            opening("US", SALT_US, t, 3),
            new Acceptance(ID, "RU", at(4), digest(t), List.of("one", "two")),
            new ProposalWithdrawal(ID, "US", at(5), digest(t), "why"));
    for (Statement s : all) {
      assertThat(
              StatementCodec.decodeText(
                  StatementCodec.encodeText(s, "countersign.local/new-start")))
          .isEqualTo(s);
    }
  }

  @Test
  void commitment_isBoundToNegotiationAuthorSaltAndDigest() {
    String d = "aa".repeat(32);
    String c = OpeningSeal.commitment(ID, "US", SALT_US, d);
    assertThat(OpeningSeal.commitment(ID, "RU", SALT_US, d)).isNotEqualTo(c);
    assertThat(OpeningSeal.commitment("other", "US", SALT_US, d)).isNotEqualTo(c);
    assertThat(OpeningSeal.commitment(ID, "US", SALT_RU, d)).isNotEqualTo(c);
    assertThat(OpeningSeal.commitment(ID, "US", SALT_US, "ab".repeat(32))).isNotEqualTo(c);
    assertThat(c).matches("[0-9a-f]{64}");
  }
}
