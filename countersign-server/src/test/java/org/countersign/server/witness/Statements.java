package org.countersign.server.witness;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.countersign.log.Hash;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
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

  Statements(String party) {
    this.party = party;
    byte[] seed =
        Hash.sha256(("witness test party " + party).getBytes(StandardCharsets.UTF_8)).bytes();
    this.key = SignerKey.fromSeed("party.test/" + party.toLowerCase(java.util.Locale.ROOT), seed);
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
    return Note.sign(StatementCodec.encodeText(s), key).getBytes(StandardCharsets.UTF_8);
  }
}
