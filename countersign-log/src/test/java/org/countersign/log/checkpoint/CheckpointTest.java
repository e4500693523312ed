package org.countersign.log.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.note.SignerKey;
import org.countersign.log.note.Verifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckpointTest {
  private static final String SPEC_EXAMPLE =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

  /** Every error fixture and a fragment of the message that must name its problem. */
  private static final String FIXTURES =
      """
      error_bad_base64.txt,              not base64
      error_control_character.txt,       origin contains control character 0x09
      error_crlf.txt,                    origin contains control character 0x0d
      error_empty.txt,                   does not end with a newline
      error_empty_extension.txt,         extension line 1 is empty
      error_empty_extension_middle.txt,  extension line 2 is empty
      error_empty_origin.txt,            origin is empty
      error_empty_size.txt,              tree size line is empty
      error_hash_trailing_space.txt,     44 characters, got 45
      error_leading_zeros.txt,           leading zeros: "0042"
      error_long_hash.txt,               decodes to 33 bytes
      error_missing_lines.txt,           has 2 lines, needs at least 3
      error_negative_size.txt,           negative: "-5"
      error_no_final_newline.txt,        does not end with a newline
      error_noncanonical_base64.txt,     non-canonical base64
      error_short_hash.txt,              44 characters, got 40
      error_size_leading_space.txt,      not a decimal number: " 42"
      error_size_not_decimal.txt,        not a decimal number: "4x2"
      error_size_overflow.txt,           out of range: "9223372036854775808"
      error_size_plus_sign.txt,          not a decimal number: "+42"
      error_too_long.txt,                over the cap of 65536 bytes
      """;

  @ParameterizedTest(name = "{0}")
  @CsvSource(textBlock = FIXTURES)
  void parse_errorFixture_throwsNamingTheProblem(String file, String fragment) throws IOException {
    String body = read(file);
    assertThatThrownBy(() -> Checkpoint.parse(body))
        .isInstanceOf(MalformedInputException.class)
        .hasMessageContaining(fragment);
  }

  @Test
  void fixtures_everyErrorFileHasACase() throws IOException, URISyntaxException {
    Path dir = Path.of(Objects.requireNonNull(getClass().getResource("/checkpoint")).toURI());
    Set<String> listed = new HashSet<>();
    FIXTURES.lines().forEach(l -> listed.add(l.split(",", -1)[0].strip()));
    try (Stream<Path> files = Files.list(dir)) {
      List<String> names =
          files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("error_")).toList();
      assertThat(names).hasSameElementsAs(listed);
    }
  }

  @Test
  void parse_specExample_roundTrips() throws Exception {
    Checkpoint c = Checkpoint.parse(SPEC_EXAMPLE);
    assertThat(c.origin()).isEqualTo("example.com/behind-the-sofa");
    assertThat(c.size()).isEqualTo(20852163L);
    assertThat(c.root().base64()).isEqualTo("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    assertThat(c.extensions()).isEmpty();
    assertThat(c.body()).isEqualTo(SPEC_EXAMPLE);
  }

  @Test
  void body_goSumDatabaseTree_matchesGoFormatTreeGolden() throws Exception {
    // tlog.FormatTree(Tree{123456789012, RecordHash("hello world")}), from Go's sumdb/tlog tests.
    MessageDigest d = MessageDigest.getInstance("SHA-256");
    d.update((byte) 0);
    Hash recordHash = Hash.of(d.digest("hello world".getBytes(StandardCharsets.UTF_8)));
    Checkpoint c = new Checkpoint("go.sum database tree", 123456789012L, recordHash);
    String golden =
        "go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n";
    assertThat(c.body()).isEqualTo(golden);
    assertThat(Checkpoint.parse(golden)).isEqualTo(c);
  }

  @Test
  void parse_emptyTreeWithExtensions_roundTrips() throws Exception {
    String body = "log.example\n0\n" + Hash.EMPTY.base64() + "\next one\n— not a signature\n";
    Checkpoint c = Checkpoint.parse(body);
    assertThat(c.size()).isZero();
    assertThat(c.extensions()).containsExactly("ext one", "— not a signature");
    assertThat(c.body()).isEqualTo(body);
  }

  @Test
  void constructor_invalidValues_throw() {
    assertThatThrownBy(() -> new Checkpoint("", 1, Hash.EMPTY))
        .hasMessageContaining("origin is empty");
    assertThatThrownBy(() -> new Checkpoint("a\nb", 1, Hash.EMPTY))
        .hasMessageContaining("control character 0x0a");
    assertThatThrownBy(() -> new Checkpoint("o", -1, Hash.EMPTY))
        .hasMessageContaining(">= 0, got -1");
    assertThatThrownBy(() -> new Checkpoint("o", 1, Hash.EMPTY, List.of("")))
        .hasMessageContaining("extension line 1 is empty");
  }

  @Test
  void fromNote_signedCheckpoint_parsesAfterVerification() throws Exception {
    SignerKey log = SignerKey.fromSeed("example.com/log", new byte[32]);
    Checkpoint c = new Checkpoint("example.com/log", 7, Hash.EMPTY);
    String note = c.sign(log);
    assertThat(note).startsWith(c.body() + "\n— example.com/log ");
    assertThat(Checkpoint.fromNote(Note.open(note, Verifiers.of(log.verifier())))).isEqualTo(c);
  }

  private static String read(String file) throws IOException {
    try (InputStream in = CheckpointTest.class.getResourceAsStream("/checkpoint/" + file)) {
      return new String(Objects.requireNonNull(in, file).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
