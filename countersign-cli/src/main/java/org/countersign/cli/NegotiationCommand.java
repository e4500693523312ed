package org.countersign.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.NegotiationRecord;
import org.countersign.treaty.negotiation.NegotiationReport;
import org.countersign.treaty.negotiation.OpeningSeal;
import org.countersign.treaty.statement.Acceptance;
import org.countersign.treaty.statement.NegotiationTerms;
import org.countersign.treaty.statement.OpeningCommitment;
import org.countersign.treaty.statement.Proposal;
import org.countersign.treaty.statement.ProposalWithdrawal;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign negotiation terms|commit|reveal|propose|accept|withdraw|report}: the
 * statements of a negotiation, filled in from treaty files and ready for {@code submit} to the
 * negotiation's own log, and the negotiation's record replayed offline.
 *
 * <p>The statement commands print JSON for {@code submit} (which sets {@code issuedAt} and signs);
 * {@code commit} also writes the salt to a file (mode 600), which {@code reveal} needs and nobody
 * else may see before the reveal.
 */
@Command(
    name = "negotiation",
    mixinStandardHelpOptions = true,
    description = "Writes negotiation statements for submit, and replays a negotiation log.",
    subcommands = {
      NegotiationCommand.Terms.class,
      NegotiationCommand.Commit.class,
      NegotiationCommand.Reveal.class,
      NegotiationCommand.Propose.class,
      NegotiationCommand.Accept.class,
      NegotiationCommand.Withdraw.class,
      NegotiationCommand.Report.class
    })
final class NegotiationCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  /** Options every statement command shares. */
  abstract static class StatementOut extends CliCommand {
    @Option(
        names = "--negotiation",
        required = true,
        paramLabel = "ID",
        description = "the negotiation id, e.g. integrated-framework")
    String negotiation;

    @Option(
        names = "--author",
        required = true,
        paramLabel = "PARTY",
        description = "the author's party id")
    String author;

    /** The statement; its {@code issuedAt} is replaced by {@code submit}'s signing time. */
    abstract Statement statement(Instant now) throws IOException;

    @Override
    int execute() throws IOException {
      Statement s;
      try {
        s = statement(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(CommandFailure.reason(e));
      }
      ObjectNode body = StatementCodec.body(s);
      body.remove("issuedAt");
      writeStdout(PRETTY.writeValueAsString(body) + "\n");
      return ExitCodes.OK;
    }
  }

  static String digestOf(Path file) {
    Treaty t = ProposalCommand.loadProposal(file);
    return t.digest();
  }

  @Command(
      name = "terms",
      mixinStandardHelpOptions = true,
      description = "Prints the negotiation-terms statement that opens a negotiation log.")
  static final class Terms extends StatementOut {
    @Option(
        names = "--parties",
        required = true,
        split = ",",
        paramLabel = "A,B,C",
        description = "the negotiating parties")
    List<String> parties;

    @Option(
        names = "--commit-by",
        required = true,
        paramLabel = "INSTANT",
        description = "opening commitments due by (YYYY-MM-DDTHH:MM:SSZ)")
    String commitBy;

    @Option(
        names = "--reveal-by",
        required = true,
        paramLabel = "INSTANT",
        description = "opening reveals due by")
    String revealBy;

    @Option(names = "--subject", required = true, description = "what is negotiated")
    String subject;

    @Override
    Statement statement(Instant now) {
      try {
        return new NegotiationTerms(
            negotiation,
            author,
            now,
            parties,
            Instant.parse(commitBy),
            Instant.parse(revealBy),
            subject);
      } catch (DateTimeParseException e) {
        throw CommandFailure.usage("--commit-by and --reveal-by are instants: " + e.getMessage());
      }
    }
  }

  @Command(
      name = "commit",
      mixinStandardHelpOptions = true,
      description = {
        "Prints the sealed opening commitment to PROPOSAL (a treaty file) and writes its fresh",
        "random salt to --salt-out (mode 600): keep it secret until you reveal.",
      })
  static final class Commit extends StatementOut {
    @Option(names = "--proposal", required = true, paramLabel = "FILE")
    Path proposal;

    @Option(names = "--salt-out", required = true, paramLabel = "FILE")
    Path saltOut;

    @Override
    Statement statement(Instant now) throws IOException {
      String digest = digestOf(proposal);
      String salt = OpeningSeal.newSalt(new SecureRandom());
      try {
        Files.writeString(
            saltOut,
            salt + "\n",
            StandardCharsets.US_ASCII,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        try {
          Files.setPosixFilePermissions(
              saltOut, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the salt is still written
        }
      } catch (FileAlreadyExistsException e) {
        throw CommandFailure.usage(saltOut + " exists: a salt is used once");
      }
      return new OpeningCommitment(
          negotiation, author, now, OpeningSeal.commitment(negotiation, author, salt, digest));
    }
  }

  /** Options for a proposal. */
  abstract static class ProposalOut extends StatementOut {
    @Option(names = "--proposal", required = true, paramLabel = "FILE")
    Path proposal;

    @Option(names = "--rationale", required = true, description = "the proposer's reasons")
    String rationale;

    Proposal proposal(Instant now, String answers, String salt) throws IOException {
      String text = ProposalCommand.read(proposal);
      return new Proposal(
          negotiation, author, now, text, digestOf(proposal), answers, rationale, salt);
    }
  }

  @Command(
      name = "reveal",
      mixinStandardHelpOptions = true,
      description = "Prints the opening proposal that reveals a commitment (with its salt).")
  static final class Reveal extends ProposalOut {
    @Option(names = "--salt", required = true, paramLabel = "FILE", description = "the salt file")
    Path salt;

    @Override
    Statement statement(Instant now) throws IOException {
      String s = Files.readString(salt, StandardCharsets.US_ASCII).strip();
      return proposal(now, "", s);
    }
  }

  @Command(
      name = "propose",
      mixinStandardHelpOptions = true,
      description =
          "Prints a proposal carrying the whole treaty text, optionally answering another.")
  static final class Propose extends ProposalOut {
    @Option(
        names = "--answers",
        paramLabel = "DIGEST",
        defaultValue = "",
        description = "the digest of the proposal this one answers")
    String answers;

    @Override
    Statement statement(Instant now) throws IOException {
      return proposal(now, answers, "");
    }
  }

  @Command(
      name = "accept",
      mixinStandardHelpOptions = true,
      description = "Prints an acceptance of a proposal's digest, with reservations if given.")
  static final class Accept extends StatementOut {
    @Option(names = "--digest", required = true, paramLabel = "DIGEST")
    String digest;

    @Option(
        names = "--reservation",
        paramLabel = "TEXT",
        description = "a stated interpretation; repeat for several")
    List<String> reservations = new ArrayList<>();

    @Override
    Statement statement(Instant now) {
      return new Acceptance(negotiation, author, now, digest, reservations);
    }
  }

  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description = "Prints the withdrawal of one of the author's proposals.")
  static final class Withdraw extends StatementOut {
    @Option(names = "--digest", required = true, paramLabel = "DIGEST")
    String digest;

    @Option(names = "--reason", required = true)
    String reason;

    @Override
    Statement statement(Instant now) {
      return new ProposalWithdrawal(negotiation, author, now, digest, reason);
    }
  }

  @Command(
      name = "report",
      mixinStandardHelpOptions = true,
      description = {
        "Replays a negotiation log offline (verified like compliance --log) and prints its record:",
        "terms, sealed openings, proposals, acceptances, the agreed text and the findings.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:report printed",
        "1:the log does not verify",
        "2:bad usage",
        "3:network or file error"
      })
  static final class Report extends CliCommand {
    @Option(names = "--log", required = true, paramLabel = "URL|DIR")
    String log;

    @Option(names = "--vkey", paramLabel = "VKEY")
    @Nullable String vkey;

    @picocli.CommandLine.Mixin FirstKeysOption firstKeys = new FirstKeysOption();

    @Option(names = "--size", paramLabel = "N")
    @Nullable Long size;

    @Option(
        names = "--at",
        paramLabel = "INSTANT",
        description = "judge deadlines at this instant (default: now)")
    @Nullable String at;

    @Option(names = "--format", defaultValue = "text", description = "text (default) or json")
    String format;

    @Option(names = {"-q", "--quiet"})
    boolean quiet;

    private final InstantSource clock = InstantSource.system();

    @Override
    int execute() throws IOException {
      if (!List.of("text", "json").contains(format)) {
        throw CommandFailure.usage("--format must be text or json, got \"" + format + "\"");
      }
      Instant when;
      try {
        when = at == null ? clock.instant() : Instant.parse(at);
      } catch (DateTimeParseException e) {
        throw CommandFailure.usage("--at must be an instant YYYY-MM-DDTHH:MM:SSZ, got " + at);
      }
      OfflineLog.Replayed r =
          OfflineLog.replay(log, vkey, size, quiet, err(), null, null, firstKeys.firstKeys());
      NegotiationRecord record = r.record();
      if (record == null) {
        throw new IllegalStateException("no negotiation record");
      }
      NegotiationReport report = record.reportAt(when);
      writeStdout(format.equals("json") ? report.canonicalJson() + "\n" : report.toText());
      return ExitCodes.OK;
    }
  }
}
