package org.countersign.cli.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.Hash;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.KeyRotation;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.countersign.treaty.statement.Suspension;
import org.junit.jupiter.api.Test;

class LogAuditorTest {
  private static final Instant T0 = Instant.parse("2026-01-10T12:00:00Z");
  private static final String TREATY = "new-start";
  private static final String ORIGIN = "memory.test/log"; // MemoryLog's

  private static SignerKey key(String label) {
    return SignerKey.fromSeed(
        "party.test/" + label, Hash.sha256(label.getBytes(StandardCharsets.UTF_8)).bytes());
  }

  private static final SignerKey US1 = key("us-1");
  private static final SignerKey US2 = key("us-2");
  private static final SignerKey RU1 = key("ru-1");

  private static byte[] signed(Statement s, SignerKey... keys) {
    return Note.sign(StatementCodec.encodeText(s, ORIGIN), keys).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] register(String party, SignerKey k, Instant at) {
    return signed(new PartyKeyRegistration(TREATY, party, at, k.verifierKey()), k);
  }

  private static byte[] update(String party, Instant at, long warheads, SignerKey... keys) {
    return signed(
        new DataExchangeUpdate(
            TREATY,
            party,
            at,
            java.time.LocalDate.of(2023, 3, 1),
            Map.of("deployed-warheads", warheads)),
        keys);
  }

  private static AuditReport audit(MemoryLog log) throws Exception {
    return audit(log, Optional.empty());
  }

  private static AuditReport audit(MemoryLog log, Optional<FirstKeys> agreed) throws Exception {
    return new LogAuditor(log, AuditProgress.silent(), agreed)
        .audit(log.verifiedCheckpoint(), Optional.empty());
  }

  private static VerifierKey vkey(SignerKey k) throws Exception {
    return VerifierKey.parse(k.verifierKey());
  }

  @Test
  void audit_strangersFirstKeyForAParty_flaggedAgainstTheAgreedKeys() throws Exception {
    // Issue 13 finding 4: a log (whose server trusted first use) holds a stranger's key as the
    // first key of US, and statements in US's name signed with it.
    SignerKey stranger = key("stranger");
    MemoryLog log = new MemoryLog();
    log.append(
        List.of(
            register("US", stranger, T0),
            register("RU", RU1, T0),
            update("US", T0.plusSeconds(1), 9999, stranger)));
    FirstKeys agreed = FirstKeys.of(Map.of("US", vkey(US1), "RU", vkey(RU1)));

    assertThatThrownBy(() -> audit(log, Optional.of(agreed)))
        .isInstanceOf(AuditFailure.class)
        .hasMessageContaining("entry 0 (party-key-registration by US) breaks the key registry")
        .hasMessageContaining("must be " + vkey(US1).id())
        .hasMessageContaining("not " + vkey(stranger).id());

    // Without the agreed keys the audit cannot tell, and says so: it lists the first keys as the
    // log registered them, NOT checked.
    AuditReport unchecked = audit(log);
    assertThat(unchecked.agreed()).isEmpty();
    assertThat(unchecked.firstKeys()).containsEntry("US", vkey(stranger));
    assertThat(unchecked.format("LOGKEY"))
        .contains("US " + vkey(stranger).id())
        .contains("NOT checked against agreed keys");
  }

  @Test
  void audit_agreedFirstKeys_passAndAreNamedInTheReport() throws Exception {
    MemoryLog log = new MemoryLog();
    log.append(List.of(register("US", US1, T0), register("RU", RU1, T0)));
    FirstKeys agreed = FirstKeys.of(Map.of("US", vkey(US1), "RU", vkey(RU1)));
    AuditReport r = audit(log, Optional.of(agreed));
    assertThat(r.format("LOGKEY"))
        .contains("RU " + vkey(RU1).id() + ", US " + vkey(US1).id())
        .contains("each the key agreed outside the log (first-keys file sha256 " + agreed.digest());
  }

  @Test
  void audit_statementAddressedToAnotherLog_flagged() throws Exception {
    // Issue 13 finding 5: a statement signed for another log of the same treaty, replayed here.
    MemoryLog log = new MemoryLog();
    byte[] replayed =
        Note.sign(
                StatementCodec.encodeText(
                    new PartyKeyRegistration(TREATY, "US", T0, US1.verifierKey()),
                    "countersign.local/new-start"),
                US1)
            .getBytes(StandardCharsets.UTF_8);
    log.append(List.of(replayed));
    assertThatThrownBy(() -> audit(log))
        .isInstanceOf(AuditFailure.class)
        .hasMessageContaining("entry 0 is not a valid statement")
        .hasMessageContaining("addressed to the log \"countersign.local/new-start\"")
        .hasMessageContaining("\"memory.test/log\"");
  }

  private static String failure(List<byte[]> entries) throws Exception {
    MemoryLog log = new MemoryLog();
    log.append(entries);
    try {
      audit(log);
    } catch (AuditFailure e) {
      return Objects.requireNonNullElse(e.getMessage(), e.toString());
    }
    throw new AssertionError("the audit passed");
  }

  @Test
  void audit_registrationsRotationAndUsesOverSeveralTiles_passes() throws Exception {
    MemoryLog log = new MemoryLog();
    log.append(List.of(register("US", US1, T0), register("RU", RU1, T0)));
    List<byte[]> batch = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      batch.add(
          update(i % 2 == 0 ? "US" : "RU", T0.plusSeconds(i), 1000 + i, i % 2 == 0 ? US1 : RU1));
    }
    log.append(batch);
    log.append(
        List.of(
            signed(
                new KeyRotation(
                    TREATY, "US", T0.plusSeconds(400), US1.verifierKey(), US2.verifierKey()),
                US1,
                US2),
            update("US", T0.plusSeconds(401), 1550, US2)));
    AuditReport r = audit(log);
    assertThat(r.entries()).isEqualTo(304);
    assertThat(r.kinds())
        .containsExactly(
            Map.entry("data-exchange-update", 301L),
            Map.entry("key-rotation", 1L),
            Map.entry("party-key-registration", 2L));
    assertThat(r.signatures()).isEqualTo(305); // the rotation carries both keys' signatures
    assertThat(r.parties()).isEqualTo(2);
    assertThat(r.rotations()).isEqualTo(1);
    assertThat(r.bundles()).isEqualTo(2);
    assertThat(r.hashTiles())
        .isEqualTo(3); // tile/0/000, the partial tile/0/001.p/48 and tile/1/000.p/1
    assertThat(r.treaty()).contains(TREATY);
  }

  @Test
  void proveConsistency_everyEarlierCheckpoint_passesAndForgeriesFail() throws Exception {
    MemoryLog log = new MemoryLog();
    List<String> checkpoints = new ArrayList<>();
    checkpoints.add(log.checkpoint());
    java.util.random.RandomGenerator random =
        java.util.random.RandomGeneratorFactory.of("L64X128MixRandom").create(11);
    int n = 0;
    while (log.size() < 700) {
      List<byte[]> batch = new ArrayList<>();
      for (int j = random.nextInt(1, 90); j > 0; j--) {
        batch.add(("raw entry " + n++).getBytes(StandardCharsets.UTF_8));
      }
      log.append(batch);
      checkpoints.add(log.checkpoint());
    }
    VerifiedCheckpoint now = log.verifiedCheckpoint();
    org.countersign.log.tile.TileClient tiles =
        new org.countersign.log.tile.TileClient(log, now.size(), now.root());
    for (String older : checkpoints) {
      VerifiedCheckpoint old = log.logKey().openCheckpoint(older);
      int length = LogAuditor.proveConsistency(tiles, old, now);
      assertThat(length)
          .isEqualTo(
              old.size() == 0 || old.size() == now.size()
                  ? 0
                  : org.countersign.log.merkle.ProofVerifier.consistencyPathLength(
                      old.size(), now.size()));
      VerifiedCheckpoint forged =
          log.logKey()
              .openCheckpoint(
                  new org.countersign.log.checkpoint.Checkpoint(
                          log.key.name(), old.size(), Hash.sha256(new byte[] {7}))
                      .sign(log.key));
      assertThatThrownBy(() -> LogAuditor.proveConsistency(tiles, forged, now))
          .isInstanceOf(AuditFailure.class)
          .hasMessageStartingWith("NOT CONSISTENT: ");
    }
  }

  @Test
  void audit_useAfterRotationWithRetiredKey_failsNamingEntryAndKey() throws Exception {
    String m =
        failure(
            List.of(
                register("US", US1, T0),
                signed(
                    new KeyRotation(
                        TREATY, "US", T0.plusSeconds(10), US1.verifierKey(), US2.verifierKey()),
                    US1),
                update("US", T0.plusSeconds(20), 1550, US1)));
    assertThat(m)
        .startsWith(
            "entry 2 (data-exchange-update by US): the note must be signed by "
                + US2.publicKey().id()
                + ": ");
  }

  @Test
  void audit_statementBackdatedBeforeItsKey_fails() throws Exception {
    String m =
        failure(
            List.of(
                register("US", US1, T0),
                signed(
                    new KeyRotation(
                        TREATY, "US", T0.plusSeconds(10), US1.verifierKey(), US2.verifierKey()),
                    US1),
                update("US", T0.plusSeconds(5), 1550, US2)));
    assertThat(m)
        .startsWith("entry 2 (data-exchange-update by US) breaks the key registry rules: ")
        .contains("before the current key");
  }

  @Test
  void audit_registryViolations_fail() throws Exception {
    assertThat(failure(List.of(update("US", T0, 1550, US1))))
        .startsWith("entry 0 (data-exchange-update by US): \"US\" has no registered key;");
    assertThat(
            failure(
                List.of(
                    signed(new PartyKeyRegistration(TREATY, "US", T0, US1.verifierKey()), US2))))
        .startsWith(
            "entry 0 (party-key-registration by US): the note must be signed by "
                + US1.publicKey().id());
    assertThat(failure(List.of(register("US", US1, T0), register("US", US2, T0.plusSeconds(1)))))
        .startsWith("entry 1 (party-key-registration by US) breaks the key registry rules: ")
        .contains("already has key");
    assertThat(
            failure(
                List.of(
                    register("US", US1, T0),
                    signed(
                        new KeyRotation(
                            TREATY, "US", T0.plusSeconds(1), RU1.verifierKey(), US2.verifierKey()),
                        RU1))))
        .startsWith("entry 1 (key-rotation by US) breaks the key registry rules: ");
  }

  @Test
  void audit_strayMalformedOrForeignEntries_fail() throws Exception {
    assertThat(failure(List.of(register("US", US1, T0), update("US", T0, 1, US1, RU1))))
        .isEqualTo(
            "entry 1 (data-exchange-update by US): the note carries signatures by keys other than the author's: "
                + RU1.publicKey().id());
    assertThat(
            failure(
                List.of(register("US", US1, T0), "not a note\n".getBytes(StandardCharsets.UTF_8))))
        .startsWith("entry 1 is not a signed note: ");
    assertThat(
            failure(
                List.of(
                    register("US", US1, T0),
                    Note.sign("hello\n", US1).getBytes(StandardCharsets.UTF_8))))
        .startsWith("entry 1 is not a valid statement: ");
    assertThat(
            failure(
                List.of(
                    register("US", US1, T0),
                    signed(
                        new Suspension(
                            "other-treaty", "US", T0, java.time.LocalDate.of(2023, 2, 21), "x"),
                        US1))))
        .isEqualTo(
            "entry 1 (suspension by US) names treaty \"other-treaty\", but the log's earlier entries name \"new-start\"");
  }

  @Test
  void audit_emptyLog_passes() throws Exception {
    AuditReport r = audit(new MemoryLog());
    assertThat(r.entries()).isZero();
    assertThat(r.format("k")).endsWith("audit passed\n");
  }
}
