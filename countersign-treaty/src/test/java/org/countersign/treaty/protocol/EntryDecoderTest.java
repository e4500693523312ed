package org.countersign.treaty.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.countersign.log.Hash;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.treaty.statement.StatementCodec;
import org.countersign.treaty.statement.Withdrawal;
import org.junit.jupiter.api.Test;

class EntryDecoderTest {
  static final SignerKey US =
      SignerKey.fromSeed("party.test/us", Hash.sha256(new byte[] {1}).bytes());
  static final Withdrawal STATEMENT =
      new Withdrawal("new-start", "US", Instant.parse("2026-01-01T00:00:00Z"), "notice");

  static byte[] entry(String origin) {
    return Note.sign(StatementCodec.encodeText(STATEMENT, origin), US)
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decode_addressedToThisLog_decodes() throws Exception {
    assertThat(EntryDecoder.decode(entry("log.a/new-start"), "log.a/new-start").statement())
        .isEqualTo(STATEMENT);
  }

  @Test
  void decode_addressedToAnotherLog_refusedAsWrongLog() {
    // Issue 13 finding 5: the same signed bytes, replayed into another log of the same treaty.
    byte[] signedForA = entry("log.a/new-start");
    assertThatThrownBy(() -> EntryDecoder.decode(signedForA, "log.b/new-start"))
        .isInstanceOfSatisfying(
            EntryRejectedException.class,
            e -> assertThat(e.violation()).isEqualTo(Violation.WRONG_LOG))
        .hasMessageContaining("\"log.a/new-start\"")
        .hasMessageContaining("\"log.b/new-start\"");
  }
}
