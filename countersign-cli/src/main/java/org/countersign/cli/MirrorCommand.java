package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.cli.client.HttpStatusException;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.mirror.MirrorDirectory;
import org.countersign.cli.verify.LogKey;
import org.countersign.cli.verify.VerifiedCheckpoint;
import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.LogException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.tile.TileClient;
import org.countersign.log.tile.TileFetcher;
import org.countersign.log.tile.TileId;
import org.countersign.witness.evidence.PrefixRoot;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.server.EvidenceStore;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign mirror --server URL --out DIR [--vkey VKEY]}: copies a log's read path (the
 * checkpoint, every hash tile and entry bundle it needs) into a directory ({@link
 * MirrorDirectory}), verifying every tile and entry against the signed checkpoint first.
 *
 * <p>Run again, it updates the mirror: full tiles and bundles never change, so those already in the
 * directory are read from it (and verified against the new checkpoint like the rest) and only the
 * new ones are downloaded. A tile is written only after the step that fetched it verified, and the
 * checkpoint last, so an interrupted or failed run leaves the previous mirror usable.
 */
@Command(
    name = "mirror",
    mixinStandardHelpOptions = true,
    description = {
      "Copies a log's checkpoint, tiles and entry bundles into a directory, verified.",
      "Every tile and entry is verified against the log's signed checkpoint; the copy",
      "serves offline replay (countersign compliance --log DIR) or a static file server.",
      "",
      "Run again, it updates the mirror, only if the served tree extends the mirrored one",
      "and is signed by the key the mirror was made with. A split view is refused: both",
      "checkpoints are kept and split-view evidence is written to DIR/evidence.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:mirrored (what was copied is printed on stdout)",
      "1:the checkpoint, a tile or an entry does not verify, or the served tree does not extend the"
          + " mirror's (split view, or stale)",
      "2:bad usage or malformed key",
      "3:network or file error"
    })
final class MirrorCommand extends CliCommand {
  @Option(
      names = "--server",
      required = true,
      paramLabel = "URL",
      description = "the log server, e.g. http://127.0.0.1:8080")
  String server;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "the mirror directory (created, or updated)")
  Path out;

  @Option(
      names = "--vkey",
      paramLabel = "VKEY",
      description =
          "the log's verifier key, obtained independently (default: the key the server states, with"
              + " a warning)")
  @Nullable String vkey;

  @Override
  int execute() throws IOException {
    LogHttpClient client = LogHttpClient.of(SubmitCommand.serverUrl(server));
    MirrorDirectory mirror = new MirrorDirectory(out);
    LogKey key = trustedKey(client, mirror);
    String note = client.checkpoint();
    VerifiedCheckpoint checkpoint;
    try {
      checkpoint = key.openCheckpoint(note);
    } catch (MalformedInputException | BadSignatureException e) {
      throw CommandFailure.verification(
          "the server's checkpoint does not verify: " + e.getMessage());
    }
    if (mirror.exists()) {
      requireExtension(client, mirror, key, checkpoint);
    }
    Copying copying = new Copying(client, mirror);
    TileClient tiles = new TileClient(copying, checkpoint.size(), checkpoint.root());
    long bundles = (checkpoint.size() + TileId.FULL_WIDTH - 1) / TileId.FULL_WIDTH;
    AuditCommand.ProgressLine progress =
        new AuditCommand.ProgressLine(err(), false, "mirror", "entries copied and verified");
    try {
      progress.step(
          "fetching the hash tiles and verifying them against the signed root", checkpoint.size());
      tiles.verifyRoot();
      copying.keepVerified();
      progress.step("fetching " + bundles + " entry bundle(s)", checkpoint.size());
      for (long b = 0; b < bundles; b++) {
        tiles.entryBundle(b);
        copying.keepVerified();
        progress.entries(
            Math.min((b + 1) * TileId.FULL_WIDTH, checkpoint.size()), checkpoint.size());
      }
      progress.end();
    } catch (LogException e) {
      progress.end();
      throw CommandFailure.verification(
          "mirror FAILED: " + e.getMessage() + " (nothing unverified was kept)");
    } catch (HttpStatusException e) {
      if (e.isClientError()) {
        throw CommandFailure.verification(
            "mirror FAILED: the log does not serve "
                + e.path()
                + ", which its signed checkpoint of size "
                + checkpoint.size()
                + " requires (HTTP "
                + e.status()
                + ")");
      }
      throw e;
    }
    mirror.putCheckpoint(checkpoint.note(), key.vkey());
    writeStdout(
        "mirrored "
            + checkpoint.size()
            + " entries of "
            + key.origin()
            + " into "
            + out
            + " (root "
            + checkpoint.root().base64()
            + "): "
            + copying.downloaded
            + " files downloaded, "
            + copying.reused
            + " full tiles and bundles reused\n");
    return ExitCodes.OK;
  }

  /**
   * The log key: {@code --vkey}, or the one an existing mirror was made with (never silently
   * replaced by another log's key), or on a first run the key the server states (with a warning).
   */
  private LogKey trustedKey(LogHttpClient client, MirrorDirectory mirror) throws IOException {
    Optional<String> recorded = mirror.exists() ? mirror.recordedKey() : Optional.empty();
    if (vkey != null) {
      LogKey given = SubmitCommand.logKey(vkey);
      if (recorded.isPresent() && !recorded.get().equals(given.vkey())) {
        throw CommandFailure.usage(
            "the mirror in "
                + out
                + " is of the log with key "
                + recorded.get()
                + ", not --vkey "
                + given.vkey()
                + ": mirror another log into another folder");
      }
      return given;
    }
    if (recorded.isPresent()) {
      LogKey held = SubmitCommand.logKey(recorded.get());
      String stated = client.logInfo().verifierKey();
      if (!stated.equals(held.vkey())) {
        throw CommandFailure.verification(
            "the server states log key "
                + stated
                + ", but the mirror in "
                + out
                + " is of the log with key "
                + held.vkey()
                + "; the mirror is unchanged (give --vkey to say which log you mean)");
      }
      return held;
    }
    return ComplianceCommand.statedKey(client.logInfo().verifierKey(), err());
  }

  /**
   * An update must extend the history the mirror holds. A served tree that does not contain the
   * mirrored one is a split view: the mirror keeps its checkpoint, the served one is kept beside
   * it, and split-view evidence is written for anyone to check ({@code countersign evidence
   * verify}). A smaller consistent tree (a stale or rolled-back server) is refused without
   * evidence.
   */
  private void requireExtension(
      LogHttpClient client, MirrorDirectory mirror, LogKey key, VerifiedCheckpoint served)
      throws IOException {
    String heldNote = mirror.checkpoint();
    VerifiedCheckpoint held;
    try {
      held = key.openCheckpoint(heldNote);
    } catch (MalformedInputException | BadSignatureException e) {
      throw CommandFailure.verification(
          "the mirror's own checkpoint "
              + out.resolve(MirrorDirectory.CHECKPOINT)
              + " does not verify with "
              + key.vkey()
              + ": "
              + e.getMessage());
    }
    long m = held.size();
    long n = served.size();
    try {
      if (m == n) {
        if (!held.root().equals(served.root())) {
          splitView(mirror, key, heldNote, served.note(), List.of(), "two trees of size " + n);
        }
      } else if (m < n) {
        // The new tree's tiles come from the server only: the mirror's own are the old history.
        TileClient newTree = new TileClient(client, n, served.root());
        if (!newTree.rootAt(m).equals(held.root())) {
          splitView(
              mirror,
              key,
              heldNote,
              served.note(),
              seededProof(newTree, m, n),
              "the served size-" + n + " tree does not extend the mirrored size-" + m + " tree");
        }
      } else {
        TileClient oldTree = new TileClient(mirror, m, held.root());
        if (!oldTree.rootAt(n).equals(served.root())) {
          splitView(
              mirror,
              key,
              served.note(),
              heldNote,
              seededProof(oldTree, n, m),
              "the served size-" + n + " tree is not a prefix of the mirrored size-" + m + " tree");
        }
        throw CommandFailure.verification(
            "mirror REFUSED: the server serves size "
                + n
                + ", smaller than the mirrored size "
                + m
                + " (consistent with it: stale or rolled back); the mirror is unchanged");
      }
    } catch (ProofException e) {
      throw CommandFailure.verification(
          "mirror FAILED: cannot check the served tree against the mirrored one: "
              + e.getMessage()
              + "; the mirror is unchanged");
    }
  }

  /** The consistency proof with the [0, m) node first for a power-of-two m (PrefixRoot's form). */
  private static List<Hash> seededProof(TileClient tree, long m, long n)
      throws IOException, ProofException {
    List<Hash> proof = new ArrayList<>();
    if (PrefixRoot.seeded(m)) {
      proof.add(tree.hash(new NodeId(Long.numberOfTrailingZeros(m), 0)));
    }
    proof.addAll(tree.consistencyProof(m, n).path());
    return proof;
  }

  private void splitView(
      MirrorDirectory mirror,
      LogKey key,
      String firstNote,
      String secondNote,
      List<Hash> proof,
      String what)
      throws IOException {
    String served = firstNote.equals(mirror.checkpoint()) ? secondNote : firstNote;
    Path kept = mirror.keepConflictingCheckpoint(served);
    Optional<String> name =
        EvidenceStore.open(out.resolve(EVIDENCE_DIR))
            .record(new SplitViewEvidence(key.vkey(), firstNote, secondNote, proof));
    throw CommandFailure.verification(
        "mirror REFUSED: SPLIT VIEW: "
            + what
            + "; the mirror is unchanged, the served checkpoint is kept in "
            + kept
            + ", evidence in "
            + name.map(n -> out.resolve(EVIDENCE_DIR).resolve(n).toString()).orElse("(not kept)")
            + " (check it with countersign evidence verify)");
  }

  /** Where split-view evidence goes, inside the mirror folder. */
  static final String EVIDENCE_DIR = "evidence";

  /**
   * Fetches for the tile client: full tiles already mirrored come from the directory, the rest from
   * the server; downloads are held until the client has verified them.
   */
  private static final class Copying implements TileFetcher {
    private final LogHttpClient client;
    private final MirrorDirectory mirror;
    private final Map<String, byte[]> unverified = new LinkedHashMap<>();
    long downloaded;
    long reused;

    Copying(LogHttpClient client, MirrorDirectory mirror) {
      this.client = client;
      this.mirror = mirror;
    }

    @Override
    public byte[] fetch(String path) throws IOException {
      if (!path.contains(".p/") && mirror.has(path)) {
        reused++;
        return mirror.fetch(path);
      }
      byte[] bytes = client.fetch(path);
      unverified.put(path, bytes);
      return bytes;
    }

    /** Writes what the last tile-client call fetched: it returned, so all of it verified. */
    void keepVerified() throws IOException {
      for (var e : unverified.entrySet()) {
        mirror.putTile(e.getKey(), e.getValue());
        downloaded++;
      }
      unverified.clear();
    }
  }
}
