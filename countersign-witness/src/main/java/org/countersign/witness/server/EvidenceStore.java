package org.countersign.witness.server;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.countersign.log.Hash;
import org.countersign.witness.evidence.EvidenceException;
import org.countersign.witness.evidence.EvidenceVerifier;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder of evidence files that the witness met while refusing checkpoints.
 *
 * <p>Each file is a {@link SplitViewEvidence}, named by its content hash (so the same evidence is
 * kept once) with a prefix saying what the witness's own check of it found: {@code split-view-} for
 * evidence that {@link EvidenceVerifier} finds conclusive, {@code unproven-} for a failing proof
 * that proves nothing by itself, {@code rollback-} for a log-signed checkpoint smaller than one
 * cosigned or seen before ({@link #recordRollback}). Files are written to a temporary name, forced
 * to disk and renamed, so a crash never leaves half a file under a final name.
 *
 * <p>Conclusive evidence is always kept: only the log's key can create it. Unproven files are
 * capped at {@link #MAX_UNPROVEN}, because anyone can send a log-signed checkpoint with a garbage
 * proof.
 */
public final class EvidenceStore {
  /** The most unproven (failed-proof) files kept. */
  public static final int MAX_UNPROVEN = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(EvidenceStore.class);

  /** The most rollback files kept (see {@link #recordRollback}). */
  public static final int MAX_ROLLBACKS = 1000;

  private static final Pattern NAME =
      Pattern.compile("(split-view|unproven|rollback)-[0-9a-f]{32}\\.txt");

  private final Path dir;

  private EvidenceStore(Path dir) {
    this.dir = dir;
  }

  /** Opens (creating) the folder. */
  public static EvidenceStore open(Path dir) throws IOException {
    Files.createDirectories(dir);
    return new EvidenceStore(dir);
  }

  /**
   * Records {@code evidence} unless an identical file is already kept.
   *
   * @return the file name used, or empty if the unproven cap was reached
   */
  public synchronized Optional<String> record(SplitViewEvidence evidence) throws IOException {
    boolean conclusive;
    String finding;
    try {
      finding = EvidenceVerifier.verify(evidence).kind().toString();
      conclusive = true;
    } catch (EvidenceException e) {
      if (e.reason() != EvidenceException.Reason.INCONCLUSIVE) {
        // The witness only records checkpoints it verified; anything else is a bug to see.
        LOG.warn(
            "not recording evidence the verifier refuses ({}): {}", e.reason(), e.getMessage());
        return Optional.empty();
      }
      finding = "INCONCLUSIVE";
      conclusive = false;
    }
    return write(
        conclusive ? "split-view-" : "unproven-", conclusive ? 0 : MAX_UNPROVEN, evidence, finding);
  }

  /**
   * Records that the log signed a checkpoint smaller than one signed before ({@code evidence}'s
   * first note is the smaller): a rollback, or a stale checkpoint replayed. Only the log key can
   * have made either note, but anyone can replay an old one, so the files are capped at {@link
   * #MAX_ROLLBACKS} (and kept once each). Whether the smaller is a prefix of the larger needs the
   * larger tree's tiles; the monitor decides that when it can.
   *
   * @return the file name used, or empty if the cap was reached
   */
  public synchronized Optional<String> recordRollback(SplitViewEvidence evidence)
      throws IOException {
    return write("rollback-", MAX_ROLLBACKS, evidence, "ROLLBACK");
  }

  /** Writes {@code evidence} under {@code prefix}, unless kept already or {@code cap} reached. */
  private Optional<String> write(String prefix, int cap, SplitViewEvidence evidence, String finding)
      throws IOException {
    byte[] bytes = evidence.format();
    String name = prefix + Hash.sha256(bytes).hex().substring(0, 32) + ".txt";
    Path target = dir.resolve(name);
    if (Files.exists(target)) {
      return Optional.of(name);
    }
    if (cap > 0 && count(prefix) >= cap) {
      LOG.warn("{} evidence cap of {} reached; not recording {}", prefix, cap, name);
      return Optional.empty();
    }
    Path tmp = dir.resolve(name + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(bytes));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    forceDirectory();
    LOG.warn("recorded evidence {} ({})", name, finding);
    return Optional.of(name);
  }

  /** The names of the files kept, sorted. */
  public List<String> list() throws IOException {
    List<String> names = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.map(p -> p.getFileName().toString())
          .filter(n -> NAME.matcher(n).matches())
          .sorted()
          .forEach(names::add);
    }
    return names;
  }

  /** The bytes of the file {@code name}, if it is one of ours. */
  public Optional<byte[]> read(String name) throws IOException {
    if (!NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    Path p = dir.resolve(name);
    return Files.exists(p) ? Optional.of(Files.readAllBytes(p)) : Optional.empty();
  }

  private long count(String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
    }
  }

  /** Makes the rename durable; some file systems do not support opening a folder, then skip. */
  private void forceDirectory() {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      LOG.debug("cannot fsync {}: {}", dir, e.toString());
    }
  }
}
