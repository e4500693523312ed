package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.countersign.cli.client.HttpStatusException;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.mirror.MirrorDirectory;
import org.countersign.cli.verify.LogKey;
import org.countersign.cli.verify.VerifiedCheckpoint;
import org.countersign.log.BadSignatureException;
import org.countersign.log.LogException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.tile.TileClient;
import org.countersign.log.tile.TileFetcher;
import org.countersign.log.tile.TileId;
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
      "Copies a log's checkpoint, tiles and entry bundles into a directory, verified against the",
      "log's signed checkpoint, for offline replay (countersign compliance --log DIR) or serving.",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:mirrored (what was copied is printed on stdout)",
      "1:the checkpoint, a tile or an entry does not verify",
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
          "the log's verifier key, obtained independently (default: the key the server states, with a warning)")
  String vkey;

  @Override
  int execute() throws IOException {
    LogHttpClient client = LogHttpClient.of(SubmitCommand.serverUrl(server));
    LogKey key =
        vkey != null
            ? SubmitCommand.logKey(vkey)
            : ComplianceCommand.statedKey(client.logInfo().verifierKey(), err());
    String note = client.checkpoint();
    VerifiedCheckpoint checkpoint;
    try {
      checkpoint = key.openCheckpoint(note);
    } catch (MalformedInputException | BadSignatureException e) {
      throw CommandFailure.verification(
          "the server's checkpoint does not verify: " + e.getMessage());
    }
    MirrorDirectory mirror = new MirrorDirectory(out);
    Copying copying = new Copying(client, mirror);
    TileClient tiles = new TileClient(copying, checkpoint.size(), checkpoint.root());
    long bundles = (checkpoint.size() + TileId.FULL_WIDTH - 1) / TileId.FULL_WIDTH;
    try {
      tiles.verifyRoot();
      copying.keepVerified();
      for (long b = 0; b < bundles; b++) {
        tiles.entryBundle(b);
        copying.keepVerified();
      }
    } catch (LogException e) {
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
