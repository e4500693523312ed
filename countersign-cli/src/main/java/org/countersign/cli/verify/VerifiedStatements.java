package org.countersign.cli.verify;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.countersign.log.LogException;
import org.countersign.log.ProofException;
import org.countersign.log.tile.TileClient;
import org.countersign.log.tile.TileFetcher;
import org.countersign.log.tile.TileId;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.Statement;

/**
 * Reads a prefix of a log's statements from its public read path, handing each on only once
 * everything about it verified: what an observer replays compliance from.
 *
 * <p>The checks are the audit's ({@link LogAuditor}): the tiles recompute the root of the signed
 * checkpoint the caller verified; every entry's leaf hash matches its verified tile; every entry is
 * a canonical statement signed by its author's key as the party-key registry stood at that entry
 * ({@link SignatureReplay}, replayed from entry 0). The prefix may be shorter than the checkpoint's
 * tree, so that a report can be recomputed for exactly the prefix another replay covered; its
 * entries are still proved against the whole signed tree.
 */
public final class VerifiedStatements {
  /** Receives verified statements in log order. */
  @FunctionalInterface
  public interface Sink {
    void accept(long index, Statement statement);
  }

  /**
   * What was read.
   *
   * @param entries how many entries were verified and handed on
   * @param treaty the treaty every statement names, if any entry was read
   */
  public record Result(long entries, Optional<String> treaty) {}

  private VerifiedStatements() {}

  /**
   * Verifies and hands on entries {@code 0 .. prefix-1} of the tree of {@code checkpoint}.
   *
   * @param firstKeys the first keys agreed outside the log, which every first registration must
   *     match; empty to take the log's first keys unchecked
   * @throws IllegalArgumentException if {@code prefix} is negative or beyond the checkpoint
   * @throws AuditFailure naming the first tile, entry or signature that does not verify
   * @throws IOException if a tile or bundle cannot be fetched
   */
  public static Result read(
      TileFetcher fetcher,
      VerifiedCheckpoint checkpoint,
      long prefix,
      Optional<FirstKeys> firstKeys,
      Sink sink,
      AuditProgress progress)
      throws AuditFailure, IOException {
    if (prefix < 0 || prefix > checkpoint.size()) {
      throw new IllegalArgumentException(
          "prefix " + prefix + " is not within the checkpoint's tree of size " + checkpoint.size());
    }
    TileClient tiles = new TileClient(fetcher, checkpoint.size(), checkpoint.root());
    try {
      tiles.verifyRoot();
    } catch (ProofException e) {
      throw new AuditFailure(
          "the log's tiles do not match its signed checkpoint: " + e.getMessage(), e);
    }
    SignatureReplay replay = new SignatureReplay(checkpoint.checkpoint().origin(), firstKeys);
    long index = 0;
    for (long b = 0; index < prefix; b++) {
      List<byte[]> bundle;
      try {
        bundle = tiles.entryBundle(b);
      } catch (LogException e) {
        throw new AuditFailure("entry bundle " + b + ": " + e.getMessage(), e);
      }
      if (bundle.isEmpty()) {
        throw new AuditFailure(
            "entry bundle " + b + " is empty, but the checkpoint covers entry " + index);
      }
      for (byte[] entry : bundle) {
        if (index == prefix) {
          break;
        }
        sink.accept(index, replay.check(index, entry));
        index++;
      }
      progress.entries(index, prefix);
      if (bundle.size() < TileId.FULL_WIDTH && index < prefix) {
        throw new AuditFailure(
            "entry bundle "
                + b
                + " holds "
                + bundle.size()
                + " entries, but the checkpoint covers entry "
                + index);
      }
    }
    return new Result(index, replay.treaty());
  }
}
