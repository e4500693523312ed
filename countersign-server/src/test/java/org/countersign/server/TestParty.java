package org.countersign.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import org.countersign.log.Hash;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.treaty.statement.KeyRotation;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.countersign.treaty.statement.Withdrawal;

/** A treaty party with a deterministic key, making signed statement notes for tests. */
final class TestParty {
  final String id;
  final String treaty;
  SignerKey key;

  TestParty(String id, String treaty, String seedLabel) {
    this.id = id;
    this.treaty = treaty;
    this.key = keyFor(id, seedLabel);
  }

  static SignerKey keyFor(String id, String seedLabel) {
    byte[] seed = Hash.sha256((id + "/" + seedLabel).getBytes(StandardCharsets.UTF_8)).bytes();
    return SignerKey.fromSeed("party.test/" + id.toLowerCase(java.util.Locale.ROOT), seed);
  }

  /** The first-key registration, signed by the key it registers. */
  byte[] registration(Instant at) {
    return sign(new PartyKeyRegistration(treaty, id, at, key.verifierKey()), key);
  }

  /** A rotation to {@code next}, signed by the current key; the party then uses {@code next}. */
  byte[] rotateTo(SignerKey next, Instant at) {
    byte[] note = sign(new KeyRotation(treaty, id, at, key.verifierKey(), next.verifierKey()), key);
    key = next;
    return note;
  }

  /** An ordinary statement, unique by {@code text}. */
  byte[] statement(Instant at, String text) {
    return sign(new Withdrawal(treaty, id, at, text), key);
  }

  /** Signs {@code s} addressed to the test servers' log (the default origin of new-start). */
  static byte[] sign(Statement s, SignerKey... keys) {
    return signFor(ServerOptions.defaultOrigin(TestServers.TREATY), s, keys);
  }

  /** Signs {@code s} addressed to the log whose origin is {@code origin}. */
  static byte[] signFor(String origin, Statement s, SignerKey... keys) {
    return Note.sign(StatementCodec.encodeText(s, origin), keys).getBytes(StandardCharsets.UTF_8);
  }

  static Hash identity(byte[] entry) {
    return Hash.sha256(entry);
  }

  static boolean same(byte[] a, byte[] b) {
    return MessageDigest.isEqual(a, b);
  }
}
