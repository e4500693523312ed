package org.countersign.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.countersign.fixtures.Vectors;
import org.countersign.log.Hash;
import org.countersign.log.ProofException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The 196 inclusion and consistency probes of transparency-dev/merkle (testdata at commit 417fb0c),
 * frozen in countersign-fixtures (vectors/). A probe with {@code wantErr: false} must verify and
 * every other must be refused.
 *
 * <p>Our API types roots and leaf hashes as {@link Hash} (exactly 32 bytes), while the probes also
 * carry shorter roots such as {@code "ZG9uJ3QgY2FyZSAy"} ("don't care 2"), which the Go verifier
 * only compares. Such a root maps to a distinct stand-in hash, {@code SHA-256("not a hash:" ||
 * bytes)}, which keeps equal values equal and matches no real root: the probe then tests exactly
 * what it tests in Go (for example "equal sizes and equal roots with an empty proof verify"). A
 * leaf or proof hash that is not 32 bytes, or a size above 2^63-1, cannot be built at all: that
 * counts as a refusal, as it is in Go (which checks the leaf hash length and rejects such sizes).
 */
class TransparencyDevVectorsTest {
  private static final String DIR = "transparency-dev-merkle/testdata";

  @TestFactory
  Stream<DynamicTest> probes_all_matchWantErr() throws IOException {
    Path root = Vectors.require(DIR);
    List<Path> files = probeFiles(root);
    return files.stream()
        .map(
            f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () -> checkProbe(root, f)));
  }

  @Test
  void probes_count_is196() throws IOException {
    Path root = Vectors.require(DIR);
    List<Path> files = probeFiles(root);
    assertThat(files).hasSize(196);
    long inclusion = files.stream().filter(f -> root.relativize(f).startsWith("inclusion")).count();
    long consistency =
        files.stream().filter(f -> root.relativize(f).startsWith("consistency")).count();
    assertThat(inclusion + consistency).isEqualTo(196);
    assertThat(inclusion).isPositive();
    assertThat(consistency).isPositive();
  }

  private static List<Path> probeFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static void checkProbe(Path root, Path file) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> probe =
        (Map<String, Object>) Json.parse(Files.readString(file, StandardCharsets.UTF_8));
    boolean wantErr = Objects.requireNonNull((Boolean) probe.get("wantErr"));
    String desc = file.getFileName() + " (" + probe.get("desc") + ")";
    boolean inclusion = root.relativize(file).startsWith("inclusion");
    String refusal;
    try {
      refusal = inclusion ? runInclusion(probe) : runConsistency(probe);
    } catch (IllegalArgumentException e) {
      // Refused at the typed boundary: a size beyond 2^63 or a leaf/proof hash that is not 32
      // bytes.
      refusal = "refused at construction: " + e.getMessage();
    }
    if (wantErr) {
      assertThat(refusal).as(desc + " must be refused").isNotNull();
    } else {
      assertThat(refusal).as(desc + " must verify").isNull();
    }
  }

  /** Returns null if the proof verifies, else the reason. */
  private static @org.jspecify.annotations.Nullable String runInclusion(Map<String, Object> probe) {
    InclusionProof proof =
        new InclusionProof(
            number(Objects.requireNonNull(probe.get("leafIdx"))),
            number(Objects.requireNonNull(probe.get("treeSize"))),
            hashes(probe.get("proof")));
    Hash leaf = strictHash(Objects.requireNonNull((String) probe.get("leafHash")));
    Hash expectedRoot = rootHash(Objects.requireNonNull((String) probe.get("root")));
    try {
      ProofVerifier.verifyInclusion(proof, leaf, expectedRoot);
      return null;
    } catch (ProofException e) {
      return e.getMessage();
    }
  }

  private static @org.jspecify.annotations.Nullable String runConsistency(
      Map<String, Object> probe) {
    ConsistencyProof proof =
        new ConsistencyProof(
            number(Objects.requireNonNull(probe.get("size1"))),
            number(Objects.requireNonNull(probe.get("size2"))),
            hashes(probe.get("proof")));
    Hash root1 = rootHash(Objects.requireNonNull((String) probe.get("root1")));
    Hash root2 = rootHash(Objects.requireNonNull((String) probe.get("root2")));
    try {
      ProofVerifier.verifyConsistency(proof, root1, root2);
      return null;
    } catch (ProofException e) {
      return e.getMessage();
    }
  }

  /** A JSON uint64; values above 2^63-1 wrap negative, which the proof constructors refuse. */
  private static long number(Object json) {
    return new java.math.BigInteger(json.toString()).longValue();
  }

  private static List<Hash> hashes(@org.jspecify.annotations.Nullable Object json) {
    List<Hash> out = new ArrayList<>();
    if (json instanceof List<?> list) {
      for (Object o : list) {
        out.add(strictHash((String) o));
      }
    }
    return out; // JSON null: no proof hashes
  }

  private static Hash strictHash(String base64) {
    return Hash.of(Base64.getDecoder().decode(base64));
  }

  /** A 32-byte root as itself; anything else as a distinct stand-in (see the class comment). */
  private static Hash rootHash(String base64) {
    byte[] raw = Base64.getDecoder().decode(base64);
    if (raw.length == Hash.SIZE) {
      return Hash.of(raw);
    }
    byte[] tag = "not a hash:".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[tag.length + raw.length];
    System.arraycopy(tag, 0, all, 0, tag.length);
    System.arraycopy(raw, 0, all, tag.length, raw.length);
    return Hash.sha256(all);
  }
}
