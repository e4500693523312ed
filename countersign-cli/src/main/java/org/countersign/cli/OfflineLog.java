package org.countersign.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.countersign.cli.client.HttpStatusException;
import org.countersign.cli.client.LogHttpClient;
import org.countersign.cli.mirror.MirrorDirectory;
import org.countersign.cli.verify.AuditFailure;
import org.countersign.cli.verify.LogKey;
import org.countersign.cli.verify.VerifiedCheckpoint;
import org.countersign.cli.verify.VerifiedStatements;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.tile.TileFetcher;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.NegotiationRecord;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.statement.LoggedStatement;
import org.jspecify.annotations.Nullable;

/**
 * Reads a log offline (server URL or mirror directory), verified as {@code compliance --log} does:
 * the signed checkpoint against the log key, every tile and entry against it, every statement's
 * signature against its author's registered key; then applies the first N entries to a treaty's
 * compliance engine or to a negotiation record.
 */
final class OfflineLog {
  private OfflineLog() {}

  /**
   * What was replayed.
   *
   * @param origin the log's origin (its key's name)
   * @param entries how many entries were applied
   * @param engine the compliance engine, when a treaty was given
   * @param record the negotiation record, when none was
   */
  record Replayed(
      String origin,
      long entries,
      @Nullable ComplianceEngine engine,
      @Nullable NegotiationRecord record) {
    ComplianceEngine requireEngine() {
      if (engine == null) {
        throw new IllegalStateException("no treaty replayed");
      }
      return engine;
    }
  }

  /**
   * Replays {@code log} under {@code treaty} (a compliance engine) or, when it is null, as a
   * negotiation log (a {@link NegotiationRecord}).
   */
  static Replayed replay(
      String log,
      @Nullable String vkey,
      @Nullable Long size,
      boolean quiet,
      PrintWriter err,
      @Nullable Treaty treaty,
      @Nullable String negotiation,
      Optional<FirstKeys> firstKeys)
      throws IOException {
    TileFetcher fetcher;
    String note;
    LogKey key;
    if (log.startsWith("http://") || log.startsWith("https://")) {
      URI url = SubmitCommand.serverUrl(log);
      LogHttpClient client = LogHttpClient.of(url);
      key =
          vkey != null
              ? SubmitCommand.logKey(vkey)
              : ComplianceCommand.statedKey(client.logInfo().verifierKey(), quiet ? null : err);
      fetcher = client;
      note = client.checkpoint();
    } else {
      MirrorDirectory mirror = new MirrorDirectory(Path.of(log));
      if (!mirror.exists()) {
        throw CommandFailure.usage(
            "--log "
                + log
                + " is neither an http(s) URL nor a mirror directory (make one with countersign"
                + " mirror)");
      }
      if (vkey != null) {
        key = SubmitCommand.logKey(vkey);
      } else {
        Optional<String> recorded = mirror.recordedKey();
        if (recorded.isEmpty()) {
          throw CommandFailure.usage("--log " + log + " records no log key: pass --vkey");
        }
        key = ComplianceCommand.statedKey(recorded.get(), quiet ? null : err);
      }
      fetcher = mirror;
      note = mirror.checkpoint();
    }
    VerifiedCheckpoint checkpoint;
    try {
      checkpoint = key.openCheckpoint(note);
    } catch (MalformedInputException | BadSignatureException e) {
      throw CommandFailure.verification("the log's checkpoint does not verify: " + e.getMessage());
    }
    long prefix = size == null ? checkpoint.size() : size;
    if (prefix < 0 || prefix > checkpoint.size()) {
      throw CommandFailure.usage(
          "--size " + prefix + " is not within the log's signed tree of size " + checkpoint.size());
    }
    ComplianceEngine engine = treaty == null ? null : new ComplianceEngine(treaty);
    NegotiationRecord record = treaty == null ? new NegotiationRecord(negotiation) : null;
    VerifiedStatements.Result read;
    try {
      read =
          VerifiedStatements.read(
              fetcher,
              checkpoint,
              prefix,
              firstKeys,
              (index, statement) -> {
                var e = new LoggedStatement<>(index, statement);
                if (engine != null) {
                  engine.apply(e);
                } else if (record != null) {
                  record.apply(e);
                }
              },
              new AuditCommand.ProgressLine(err, true));
    } catch (AuditFailure e) {
      throw CommandFailure.verification("the log does not verify: " + e.getMessage());
    } catch (HttpStatusException e) {
      if (e.isClientError()) {
        throw CommandFailure.verification(
            "the log does not serve " + e.path() + ", which its signed checkpoint requires");
      }
      throw e;
    }
    return new Replayed(key.origin(), read.entries(), engine, record);
  }
}
