package org.countersign.server.witness;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.VerifierKey;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.countersign.treaty.statement.Withdrawal;

/** Signed statements of one party with a deterministic key, to submit in tests. */
final class Statements {
  static final String TREATY = "new-start";
  private final String party;
  private final SignerKey key;
  private int count;

  /** The first keys agreed for US, RU and CN, the parties these tests register. */
  static final FirstKeys FIRST_KEYS =
      FirstKeys.of(Map.of("US", vkey("US"), "RU", vkey("RU"), "CN", vkey("CN")));

  Statements(String party) {
    this.party = party;
    this.key = keyOf(party);
  }

  private static SignerKey keyOf(String party) {
    byte[] seed =
        Hash.sha256(("witness test party " + party).getBytes(StandardCharsets.UTF_8)).bytes();
    return SignerKey.fromSeed("party.test/" + party.toLowerCase(java.util.Locale.ROOT), seed);
  }

  private static VerifierKey vkey(String party) {
    try {
      return VerifierKey.parse(keyOf(party).verifierKey());
    } catch (MalformedInputException e) {
      throw new AssertionError(e);
    }
  }

  /** The party's first-key registration, signed by the key it registers. */
  byte[] registration() {
    return sign(
        new PartyKeyRegistration(
            TREATY,
            party,
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            key.verifierKey()));
  }

  /** A new, unique statement. */
  byte[] next() {
    return sign(
        new Withdrawal(
            TREATY,
            party,
            Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
            "witness test statement " + ++count));
  }

  private byte[] sign(Statement s) {
    return Note.sign(StatementCodec.encodeText(s, "countersign.local/new-start"), key)
        .getBytes(StandardCharsets.UTF_8);
  }
}
