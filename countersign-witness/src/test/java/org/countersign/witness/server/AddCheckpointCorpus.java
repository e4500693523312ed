package org.countersign.witness.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.Note;
import org.countersign.testing.TestKeys;
import org.countersign.testing.TestLog;

/**
 * Generates the committed corpus of refused {@code add-checkpoint} requests under {@code
 * src/test/resources/add-checkpoint/}. Every key is deterministic and Ed25519 signing is
 * deterministic, so the output never changes; {@link AddCheckpointCorpusTest} fails if the
 * committed files differ from it. Regenerate with {@link #main}.
 *
 * <p>Folders name the witness state each case is sent to: {@code after-5/} (the witness cosigned
 * the main test log at size 5) and {@code fresh/} (it never cosigned). File names start with the
 * status the spec requires.
 */
public final class AddCheckpointCorpus {
  private AddCheckpointCorpus() {}

  /** Relative path to bytes. */
  public static Map<String, byte[]> generate() {
    Map<String, byte[]> out = new TreeMap<>();
    TestLog log = TestLog.main().growTo(16);
    TestLog fork = TestLog.forkAfter(3).growTo(16);
    String cp8 = log.signedCheckpoint(8);

    // Syntax: refused before anything else is looked at.
    put(out, "after-5/400-garbage.txt", "this is not an add-checkpoint request\n");
    put(out, "after-5/400-empty-body.txt", "");
    put(out, "after-5/400-first-line-not-old.txt", "new 5\n\n" + cp8);
    put(out, "after-5/400-old-leading-zero.txt", "old 05\n" + lines(log.proof(5, 8)) + "\n" + cp8);
    put(out, "after-5/400-old-negative.txt", "old -5\n\n" + cp8);
    put(out, "after-5/400-old-not-decimal.txt", "old 0x5\n\n" + cp8);
    put(out, "after-5/400-old-two-spaces.txt", "old  5\n" + lines(log.proof(5, 8)) + "\n" + cp8);
    put(out, "after-5/400-old-overflows.txt", "old 9223372036854775808\n\n" + cp8);
    put(out, "after-5/400-no-empty-line.txt", "old 5\n" + lines(log.proof(5, 8)) + cp8);
    put(out, "after-5/400-no-checkpoint.txt", "old 5\n" + lines(log.proof(5, 8)) + "\n");
    put(
        out,
        "after-5/400-proof-line-not-base64.txt",
        "old 5\n" + "not*base64*at*all*not*base64*at*all*not*ba==\n\n" + cp8);
    put(
        out,
        "after-5/400-proof-line-31-bytes.txt",
        "old 5\n" + Base64.getEncoder().encodeToString(new byte[31]) + "\n\n" + cp8);
    List<Hash> many = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      many.add(Hash.sha256(new byte[] {(byte) i}));
    }
    put(out, "after-5/400-64-proof-lines.txt", "old 5\n" + lines(many) + "\n" + cp8);
    put(
        out,
        "after-5/400-crlf-line-endings.txt",
        ("old 5\n" + lines(log.proof(5, 8)) + "\n" + cp8).replace("\n", "\r\n"));
    put(
        out,
        "after-5/400-note-without-signature.txt",
        "old 5\n" + lines(log.proof(5, 8)) + "\n" + log.checkpoint(8).body() + "\n");
    put(
        out,
        "after-5/400-signed-text-not-a-checkpoint.txt",
        "old 5\n\n" + Note.sign(log.origin() + "\nnot a tree size\nnot a root\n", log.key()));
    put(out, "after-5/400-old-larger-than-size.txt", "old 5\n\n" + log.signedCheckpoint(4));

    // Who signed.
    TestLog other = new TestLog(TestKeys.signer("example.org/some-other-log"), "leaf").growTo(8);
    put(
        out,
        "after-5/404-unknown-origin.txt",
        "old 5\n" + lines(other.proof(5, 8)) + "\n" + other.signedCheckpoint(8));
    put(
        out,
        "after-5/403-bad-signature.txt",
        "old 5\n" + lines(log.proof(5, 8)) + "\n" + flipLastSignatureByte(cp8));
    TestLog impostor =
        new TestLog(TestKeys.signer("example.org/countersign-test-log", "impostor"), "leaf")
            .growTo(8);
    put(
        out,
        "after-5/403-unknown-key-same-origin.txt",
        "old 5\n" + lines(log.proof(5, 8)) + "\n" + impostor.signedCheckpoint(8));

    // State.
    put(out, "after-5/409-stale-old-size.txt", "old 3\n" + lines(log.proof(3, 8)) + "\n" + cp8);
    put(out, "after-5/409-stale-size-going-backwards.txt", "old 3\n\n" + log.signedCheckpoint(3));
    put(out, "after-5/409-stale-old-zero.txt", "old 0\n\n" + cp8);
    put(out, "after-5/409-same-size-different-root.txt", "old 5\n\n" + fork.signedCheckpoint(5));
    put(out, "fresh/409-stale-old-size.txt", "old 5\n" + lines(log.proof(5, 8)) + "\n" + cp8);

    // Consistency.
    put(
        out,
        "after-5/422-wrong-proof-forked-log.txt",
        "old 5\n" + lines(fork.proof(5, 8)) + "\n" + fork.signedCheckpoint(8));
    put(
        out,
        "after-5/422-right-proof-wrong-checkpoint.txt",
        "old 5\n" + lines(log.proof(5, 8)) + "\n" + fork.signedCheckpoint(8));
    List<Hash> shortProof = log.proof(5, 8).subList(0, log.proof(5, 8).size() - 1);
    put(out, "after-5/422-proof-too-short.txt", "old 5\n" + lines(shortProof) + "\n" + cp8);
    List<Hash> longProof = new ArrayList<>(log.proof(5, 8));
    longProof.add(Hash.EMPTY);
    put(out, "after-5/422-proof-too-long.txt", "old 5\n" + lines(longProof) + "\n" + cp8);
    List<Hash> flipped = new ArrayList<>(log.proof(5, 8));
    byte[] b = flipped.get(0).bytes();
    b[0] ^= 1;
    flipped.set(0, Hash.of(b));
    put(out, "after-5/422-flipped-proof-hash.txt", "old 5\n" + lines(flipped) + "\n" + cp8);
    put(out, "after-5/422-empty-proof.txt", "old 5\n\n" + cp8);
    put(
        out,
        "after-5/422-proof-between-equal-sizes.txt",
        "old 5\n" + lines(List.of(Hash.EMPTY)) + "\n" + log.signedCheckpoint(5));
    put(
        out,
        "fresh/422-nonempty-proof-old-zero.txt",
        "old 0\n" + lines(log.proof(5, 8)) + "\n" + cp8);
    put(
        out,
        "fresh/422-size-zero-wrong-root.txt",
        "old 0\n\n" + new Checkpoint(log.origin(), 0, log.root(1)).sign(log.key()));

    // Size.
    StringBuilder big = new StringBuilder("old 5\n" + lines(log.proof(5, 8)) + "\n" + cp8);
    while (big.length() <= 70_000) {
      big.append(
          "— padding AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n");
    }
    put(out, "after-5/413-oversized-body.txt", big.toString());
    return out;
  }

  private static void put(Map<String, byte[]> out, String name, String body) {
    out.put(name, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String lines(List<Hash> proof) {
    StringBuilder b = new StringBuilder();
    proof.forEach(h -> b.append(h.base64()).append('\n'));
    return b.toString();
  }

  private static String flipLastSignatureByte(String note) {
    int dash = note.lastIndexOf("— ");
    int space = note.indexOf(' ', dash + 2);
    byte[] sig = Base64.getDecoder().decode(note.substring(space + 1, note.length() - 1));
    sig[sig.length - 1] ^= 1;
    return note.substring(0, space + 1) + Base64.getEncoder().encodeToString(sig) + "\n";
  }

  /** Writes the corpus under {@code args[0]} (default: this module's test resources). */
  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : "src/test/resources/add-checkpoint");
    for (Map.Entry<String, byte[]> e : generate().entrySet()) {
      Path p = root.resolve(e.getKey());
      Files.createDirectories(p.getParent());
      Files.write(p, e.getValue());
    }
  }
}
