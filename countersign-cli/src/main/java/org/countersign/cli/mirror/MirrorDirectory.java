package org.countersign.cli.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.TileFetcher;
import org.countersign.log.tile.TileId;

/**
 * A log mirror on disk: the log's read path, file for file, as a C2SP tlog-tiles server serves it.
 *
 * <pre>
 * DIR/checkpoint                   the signed checkpoint note, verbatim (with any cosignatures)
 * DIR/log.vkey                     the log verifier key the mirror was checked against
 * DIR/checkpoint.conflict-N-H      a served checkpoint that did not extend the mirrored one
 * DIR/evidence/split-view-*.txt    split-view evidence of such a conflict
 * DIR/tile/L/NNN[.p/W]             hash tiles
 * DIR/tile/entries/NNN[.p/W]       entry bundles
 * </pre>
 *
 * <p>Because the layout is the read path's, any static file server can serve a mirror as a log, and
 * a mirror can be made with any tool that copies tiles. Nothing in a mirror is trusted: the
 * checkpoint is opened with a log key and every tile and entry is verified against it on reading
 * ({@code TileClient}), exactly as when reading from the server. Files are written atomically
 * (temporary file, then rename) and the checkpoint last, so an interrupted update leaves the
 * previous checkpoint with every tile it needs.
 */
public final class MirrorDirectory implements TileFetcher {
  /** The name of the checkpoint file. */
  public static final String CHECKPOINT = "checkpoint";

  /** The name of the file holding the log key the mirror was checked against. */
  public static final String VKEY = "log.vkey";

  private static final int MAX_TILE_BYTES = EntryBundle.MAX_BUNDLE_SIZE;

  private final Path root;

  /** The mirror in {@code root} (which need not exist yet). */
  public MirrorDirectory(Path root) {
    this.root = root;
  }

  /** The directory. */
  public Path root() {
    return root;
  }

  /** Whether {@code root} holds a mirror (a checkpoint file). */
  public boolean exists() {
    return Files.isRegularFile(root.resolve(CHECKPOINT));
  }

  /**
   * The mirrored checkpoint note, unverified.
   *
   * @throws IOException if there is none or it is too large to be a checkpoint note
   */
  public String checkpoint() throws IOException {
    return new String(read(CHECKPOINT, Note.DEFAULT_MAX_NOTE_BYTES), StandardCharsets.UTF_8);
  }

  /** The log key recorded when the mirror was made, if any (a hint, not a trust anchor). */
  public Optional<String> recordedKey() throws IOException {
    Path file = root.resolve(VKEY);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(new String(read(VKEY, 4096), StandardCharsets.UTF_8).strip());
  }

  /** The mirrored tile or bundle at {@code path}, unverified. */
  @Override
  public byte[] fetch(String path) throws IOException {
    requireTilePath(path);
    try {
      return read(path, MAX_TILE_BYTES);
    } catch (NoSuchFileException e) {
      throw new NoSuchFileException(
          root.resolve(path).toString(),
          null,
          "the mirror lacks " + path + "; update it with countersign mirror");
    }
  }

  /** Whether the mirror holds {@code path}. */
  public boolean has(String path) {
    requireTilePath(path);
    return Files.isRegularFile(root.resolve(path));
  }

  /** Writes a tile or bundle (atomically; an existing file is replaced). */
  public void putTile(String path, byte[] bytes) throws IOException {
    requireTilePath(path);
    writeAtomically(root.resolve(path), bytes);
  }

  /** Records the log key, then the checkpoint: call after every tile it needs is written. */
  public void putCheckpoint(String note, String vkey) throws IOException {
    writeAtomically(root.resolve(VKEY), (vkey + "\n").getBytes(StandardCharsets.UTF_8));
    writeAtomically(root.resolve(CHECKPOINT), note.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Keeps a checkpoint that conflicts with the mirrored one beside it, never in its place: {@code
   * checkpoint.conflict-<size>-<first 16 hex digits of its SHA-256>}.
   *
   * @return the file written (an identical one already there is left as it is)
   */
  public Path keepConflictingCheckpoint(String note) throws IOException {
    byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
    String size = note.lines().skip(1).findFirst().orElse("unknown");
    if (!size.matches("[0-9]{1,20}")) {
      size = "unknown";
    }
    Path file =
        root.resolve(
            CHECKPOINT + ".conflict-" + size + "-" + Hash.sha256(bytes).hex().substring(0, 16));
    if (!Files.exists(file)) {
      writeAtomically(file, bytes);
    }
    return file;
  }

  /** Only canonical tile and bundle paths are read or written: never a path out of the mirror. */
  private static void requireTilePath(String path) {
    try {
      if (path.startsWith("tile/entries/")) {
        EntryBundleId.parse(path);
      } else {
        TileId.parse(path);
      }
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException("not a tile or entry bundle path: " + e.getMessage(), e);
    }
  }

  private byte[] read(String relative, int cap) throws IOException {
    Path file = root.resolve(relative);
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(cap + 1);
      if (data.length > cap) {
        throw new IOException(file + " is larger than " + cap + " bytes");
      }
      return data;
    }
  }

  private static void writeAtomically(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
