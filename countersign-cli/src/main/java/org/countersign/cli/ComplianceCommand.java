package org.countersign.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.compliance.ReportView;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.report.ComplianceHtml;
import org.countersign.treaty.report.PartyView;
import org.countersign.treaty.report.ReportAnchor;
import org.countersign.treaty.report.ReportFormat;
import org.countersign.treaty.report.ReportTime;
import org.countersign.treaty.statement.LoggedStatement;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign compliance}: the compliance report at a date, from a server or recomputed
 * offline from the log itself.
 *
 * <ul>
 *   <li>{@code --server URL --at DATE}: asks the server ({@code GET /api/v1/compliance}) and prints
 *       its answer unchanged.
 *   <li>{@code --log URL|DIR --treaty FILE --at DATE [--vkey KEY] [--size N]}: downloads the log
 *       (or reads a {@link MirrorDirectory}), verifies the signed checkpoint with the log key,
 *       every tile and entry against it, and every statement's signature against its author's key
 *       as registered in the log at that point; then replays the first N entries (default: the
 *       whole checkpoint) under the treaty file and prints the report.
 * </ul>
 *
 * <p>For the same treaty file, log prefix and date, both print the same bytes in {@code json} and
 * {@code text}: the report names its prefix ({@code entries}), so a server's report can be checked
 * by replaying exactly that prefix with {@code --size}.
 */
@Command(
    name = "compliance",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the compliance report at a date, from a server or recomputed offline.",
      "The report comes from a server (--server), or is recomputed offline from",
      "the log (--log URL or mirror directory, verified against the log key) under a treaty file.",
      "For the same log prefix the two print the same bytes (json and text).",
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:report printed",
      "1:the log does not verify (checkpoint, tile, entry or statement signature)",
      "2:bad usage (date, format, party, treaty file, key, prefix)",
      "3:network or file error",
      "4:the server refused the request (its reason on stderr)"
    })
final class ComplianceCommand extends CliCommand {
  @Option(
      names = "--server",
      paramLabel = "URL",
      description = "ask this log server for its report")
  @Nullable String server;

  @Option(
      names = "--log",
      paramLabel = "URL|DIR",
      description = "replay this log (server URL or mirror directory) offline")
  @Nullable String log;

  @Option(
      names = "--treaty",
      paramLabel = "FILE|ID",
      description = "with --log: the treaty file (or built-in id) to replay under")
  @Nullable String treaty;

  @Option(
      names = "--vkey",
      paramLabel = "VKEY",
      description =
          "with --log: the log's verifier key, obtained independently (default: the key the log"
              + " states, with a warning)")
  @Nullable String vkey;

  @picocli.CommandLine.Mixin FirstKeysOption firstKeys;

  @Option(
      names = "--size",
      paramLabel = "N",
      description =
          "with --log: replay only the first N entries (default: all the checkpoint covers)")
  @Nullable Long size;

  @Option(
      names = "--at",
      required = true,
      paramLabel = "DATE",
      description = "the day (YYYY-MM-DD, meaning 23:59:59 UTC) or instant (YYYY-MM-DDTHH:MM:SSZ)")
  String at;

  @Option(
      names = "--view",
      paramLabel = "VIEW",
      description =
          "as-known (only statements issued by the date) or retrospective (every entry logged"
              + " since); default retrospective")
  @Nullable String view;

  @Option(
      names = "--party",
      paramLabel = "ID",
      description = "only this participant's part of the report")
  @Nullable String party;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default), json or html")
  String format;

  @Option(
      names = {"-q", "--quiet"},
      description = "no progress or warnings on stderr")
  boolean quiet;

  private ReportView reportView = ReportView.DEFAULT;

  @Override
  int execute() throws IOException {
    ReportTime when;
    ReportFormat form;
    try {
      when = ReportTime.parse(at);
      form = ReportFormat.parse(format);
      reportView = view == null ? ReportView.DEFAULT : ReportView.parse(view);
    } catch (IllegalArgumentException e) {
      throw CommandFailure.usage("--" + e.getMessage());
    }
    if ((server == null) == (log == null)) {
      throw CommandFailure.usage(
          "give either --server URL (the server's report) or --log URL|DIR with --treaty (an"
              + " offline replay)");
    }
    if (server != null) {
      if (treaty != null || vkey != null || size != null) {
        throw CommandFailure.usage(
            "--treaty, --vkey and --size go with --log (an offline replay), not with --server");
      }
      writeStdout(fromServer(server, when, form));
    } else if (log != null) {
      if (treaty == null) {
        throw CommandFailure.usage(
            "--log needs --treaty FILE: the treaty file to replay the log under");
      }
      writeStdout(offline(log, treaty, when, form));
    }
    return ExitCodes.OK;
  }

  private String fromServer(String server, ReportTime when, ReportFormat form) throws IOException {
    LogHttpClient client = LogHttpClient.of(SubmitCommand.serverUrl(server));
    String path =
        "api/v1/compliance?at="
            + enc(when.text())
            + "&format="
            + form.id()
            + (view == null ? "" : "&view=" + reportView.id())
            + (party == null ? "" : "&party=" + enc(party));
    try {
      String body = new String(client.fetch(path), StandardCharsets.UTF_8);
      if (form == ReportFormat.HTML) {
        // The server links entries and proofs relative to its API; a saved copy links to it.
        int head = body.indexOf("<head>\n");
        if (head >= 0) {
          String base =
              (client.server() + "api/v1/")
                  .replace("&", "&amp;")
                  .replace("\"", "&quot;")
                  .replace("<", "&lt;");
          head += "<head>\n".length();
          body = body.substring(0, head) + "<base href=\"" + base + "\">\n" + body.substring(head);
        }
      }
      return body;
    } catch (HttpStatusException e) {
      if (e.isClientError()) {
        throw new CommandFailure(
            ExitCodes.REFUSED,
            "the server refused the request: "
                + (e.code().isEmpty() ? "HTTP " + e.status() : e.code())
                + ": "
                + e.reason());
      }
      throw e;
    }
  }

  private String offline(String log, String treaty, ReportTime when, ReportFormat form)
      throws IOException {
    Treaty model = loadTreaty(treaty);
    if (party != null && model.party(party).isEmpty()) {
      throw CommandFailure.usage(
          "--party: \"" + party + "\" is not a participant of " + model.id());
    }
    Source source = openSource(log);
    LogKey key = source.key();
    VerifiedCheckpoint checkpoint;
    try {
      checkpoint = key.openCheckpoint(source.checkpointNote());
    } catch (MalformedInputException | BadSignatureException e) {
      throw CommandFailure.verification("the log's checkpoint does not verify: " + e.getMessage());
    }
    long prefix = size == null ? checkpoint.size() : size;
    if (prefix < 0 || prefix > checkpoint.size()) {
      throw CommandFailure.usage(
          "--size " + prefix + " is not within the log's signed tree of size " + checkpoint.size());
    }
    ComplianceEngine engine = new ComplianceEngine(model);
    AuditCommand.ProgressLine progress =
        new AuditCommand.ProgressLine(err(), quiet || prefix < AuditCommand.ProgressLine.MIN_TOTAL);
    VerifiedStatements.Result read;
    try {
      read =
          VerifiedStatements.read(
              source.fetcher(),
              checkpoint,
              prefix,
              firstKeys.firstKeys(),
              (index, statement) -> {
                if (!statement.treaty().equals(model.id())) {
                  throw new WrongTreaty(statement.treaty());
                }
                engine.apply(new LoggedStatement<>(index, statement));
              },
              progress);
    } catch (AuditFailure e) {
      progress.end();
      throw CommandFailure.verification("the log does not verify: " + e.getMessage());
    } catch (WrongTreaty e) {
      progress.end();
      throw CommandFailure.usage(
          "the log's statements name treaty \""
              + e.getMessage()
              + "\", but --treaty "
              + treaty
              + " is \""
              + model.id()
              + "\"");
    } catch (HttpStatusException e) {
      progress.end();
      if (e.isClientError()) {
        throw CommandFailure.verification(
            "the log does not serve "
                + e.path()
                + ", which its signed checkpoint of size "
                + checkpoint.size()
                + " requires (HTTP "
                + e.status()
                + ")");
      }
      throw e;
    }
    progress.end();
    ComplianceReport report = engine.reportAt(when.instant(), reportView);
    if (party != null) {
      report = PartyView.of(report, party);
    }
    if (!quiet && read.entries() < checkpoint.size()) {
      err()
          .println(
              "countersign: replayed the first "
                  + read.entries()
                  + " of "
                  + checkpoint.size()
                  + " entries");
      err().flush();
    }
    return switch (form) {
      case JSON -> report.canonicalJson();
      case TEXT -> report.toText();
      case HTML ->
          new ComplianceHtml(
                  model,
                  new ReportAnchor(
                      key.origin(),
                      checkpoint.size(),
                      checkpoint.root().base64(),
                      checkpoint.note(),
                      source.apiBase().orElse(null)))
              .render(report);
    };
  }

  /** Where an offline replay reads the log from. */
  private record Source(
      TileFetcher fetcher, String checkpointNote, LogKey key, Optional<String> apiBase) {}

  private Source openSource(String log) throws IOException {
    if (log.startsWith("http://") || log.startsWith("https://")) {
      URI url = SubmitCommand.serverUrl(log);
      LogHttpClient client = LogHttpClient.of(url);
      LogKey key =
          vkey != null
              ? SubmitCommand.logKey(vkey)
              : statedKey(client.logInfo().verifierKey(), quiet ? null : err());
      return new Source(client, client.checkpoint(), key, Optional.of(client.server() + "api/v1/"));
    }
    Path dir = Path.of(log);
    MirrorDirectory mirror = new MirrorDirectory(dir);
    if (!mirror.exists()) {
      throw CommandFailure.usage(
          "--log "
              + log
              + " is neither an http(s) URL nor a mirror directory with a "
              + MirrorDirectory.CHECKPOINT
              + " file (make one with countersign mirror)");
    }
    LogKey key;
    if (vkey != null) {
      key = SubmitCommand.logKey(vkey);
    } else {
      Optional<String> recorded = mirror.recordedKey();
      if (recorded.isEmpty()) {
        throw CommandFailure.usage(
            "--log " + log + " records no log key (" + MirrorDirectory.VKEY + "): pass --vkey");
      }
      key = statedKey(recorded.get(), quiet ? null : err());
    }
    return new Source(mirror, mirror.checkpoint(), key, Optional.empty());
  }

  /** A log key the log itself states: used, with a warning that it should be checked. */
  static LogKey statedKey(String stated, @Nullable PrintWriter err) {
    LogKey key;
    try {
      key = LogKey.parse(stated);
    } catch (MalformedInputException e) {
      throw CommandFailure.verification("the log states an unusable key: " + e.getMessage());
    }
    if (err != null) {
      err.println(
          "countersign: warning: trusting the log key the log itself states: " + key.vkey());
      err.println(
          "countersign: warning: compare it with a key obtained independently, and pass it as"
              + " --vkey");
      err.flush();
    }
    return key;
  }

  static Treaty loadTreaty(String spec) {
    try {
      Path file = Path.of(spec);
      if (Files.isRegularFile(file)) {
        return TreatyLoader.load(file);
      }
      if (TreatyLoader.BUILT_IN.contains(spec)) {
        return TreatyLoader.builtIn(spec);
      }
    } catch (TreatyException e) {
      throw CommandFailure.usage("--treaty " + spec + ": " + e.getMessage());
    } catch (java.nio.file.InvalidPathException e) {
      // not a path: try it as an id below
    }
    throw CommandFailure.usage(
        "--treaty "
            + spec
            + ": neither a treaty file nor a built-in treaty "
            + TreatyLoader.BUILT_IN);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** A statement naming another treaty than the one replayed: the wrong --treaty file. */
  private static final class WrongTreaty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WrongTreaty(String treaty) {
      super(treaty, null, false, false);
    }
  }
}
