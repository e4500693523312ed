package org.countersign.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.countersign.cli.verify.LogKey;
import org.countersign.cli.verify.ProofHashes;
import org.countersign.cli.verify.ReceiptVerifier;
import org.countersign.cli.verify.TlogProof;
import org.countersign.cli.verify.VerifiedCheckpoint;
import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.merkle.Rfc6962;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code countersign proof verify inclusion|consistency|receipt}: checks RFC 9162 proofs and C2SP
 * tlog-proof receipts offline. Exit 0 verified, 1 not verified, 2 usage or malformed input.
 */
@Command(
    name = "proof",
    mixinStandardHelpOptions = true,
    description = "Verifies Merkle proofs (RFC 9162) and C2SP tlog-proof receipts, offline.",
    subcommands = {ProofCommand.Verify.class})
final class ProofCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** {@code proof verify}: the group of proof checks. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Checks an inclusion proof, a consistency proof, or a tlog-proof receipt.",
      subcommands = {Inclusion.class, Consistency.class, Receipt.class})
  static final class Verify implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getErr());
    }
  }

  /** Where the proof hashes come from: a file, or --hash options (none at all: the empty proof). */
  static final class HashSource {
    @Option(
        names = "--proof",
        paramLabel = "FILE",
        description = "proof file: one base64 hash per line, leaf sibling first")
    @Nullable Path file;

    @Option(
        names = "--hash",
        paramLabel = "B64",
        description = "a proof hash, in order (repeatable)")
    List<String> hashes = new ArrayList<>();

    static List<Hash> read(HashSource source) throws IOException {
      if (source == null) {
        return List.of();
      }
      try {
        if (source.file != null) {
          return ProofHashes.parse(
              InputFiles.read(source.file, ProofHashes.MAX_FILE_BYTES, "proof file"));
        }
        List<Hash> out = new ArrayList<>();
        for (int i = 0; i < source.hashes.size(); i++) {
          out.add(ProofHashes.parseLine(source.hashes.get(i), "--hash #" + (i + 1)));
        }
        return out;
      } catch (MalformedInputException e) {
        throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
    }
  }

  /** The leaf: its hash, or the entry whose RFC 6962 leaf hash is computed. */
  static final class LeafSource {
    @Option(
        names = "--leaf-hash",
        required = true,
        paramLabel = "B64",
        description = "the RFC 6962 leaf hash, base64")
    String leafHash;

    @Option(
        names = "--entry",
        required = true,
        paramLabel = "FILE",
        description = "the entry itself (its leaf hash is computed)")
    Path entry;
  }

  /** Cap on an entry file: a tile entry holds at most 65,535 bytes; allow any reasonable leaf. */
  static final int MAX_ENTRY_BYTES = 1 << 20;

  @Command(
      name = "inclusion",
      mixinStandardHelpOptions = true,
      description = {
        "Checks an RFC 9162 inclusion proof: a leaf is at --index in the tree of --size leaves with"
            + " --root.",
        "Proof hashes come from --proof FILE or --hash options; none means the empty proof.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:verified",
        "1:not verified (reason on stderr)",
        "2:bad usage or malformed input"
      })
  static final class Inclusion extends CliCommand {
    @Option(
        names = "--index",
        required = true,
        paramLabel = "I",
        description = "the leaf's index, from 0")
    long index;

    @Option(names = "--size", required = true, paramLabel = "N", description = "the tree size")
    long size;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LeafSource leaf;

    @Option(
        names = "--root",
        required = true,
        paramLabel = "B64",
        description = "the trusted root hash, base64")
    String root;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    HashSource proof;

    @Option(
        names = {"-q", "--quiet"},
        description = "print nothing on success")
    boolean quiet;

    @Override
    int execute() throws IOException {
      requireNonNegative("--index", index);
      requireNonNegative("--size", size);
      Hash rootHash = hash("--root", root);
      Hash leafHash =
          leaf.leafHash != null
              ? hash("--leaf-hash", leaf.leafHash)
              : Rfc6962.leafHash(InputFiles.read(leaf.entry, MAX_ENTRY_BYTES, "entry file"));
      List<Hash> path = HashSource.read(proof);
      try {
        ProofVerifier.verifyInclusion(new InclusionProof(index, size, path), leafHash, rootHash);
      } catch (ProofException e) {
        throw CommandFailure.verification(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      if (!quiet) {
        writeStdout(
            "verified: leaf "
                + index
                + " ("
                + leafHash
                + ") is in the tree of size "
                + size
                + " with root "
                + rootHash
                + "\n");
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "consistency",
      mixinStandardHelpOptions = true,
      description = {
        "Checks an RFC 9162 consistency proof: the older tree is a prefix of the newer one.",
        "The tree of --old-size leaves with root --old-root must be a prefix of the tree of"
            + " --new-size leaves",
        "with root --new-root. Proof hashes come from --proof FILE or --hash options.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:verified",
        "1:not verified (reason on stderr)",
        "2:bad usage or malformed input"
      })
  static final class Consistency extends CliCommand {
    @Option(
        names = "--old-size",
        required = true,
        paramLabel = "M",
        description = "the older tree's size (> 0)")
    long oldSize;

    @Option(
        names = "--new-size",
        required = true,
        paramLabel = "N",
        description = "the newer tree's size (>= M)")
    long newSize;

    @Option(
        names = "--old-root",
        required = true,
        paramLabel = "B64",
        description = "the older root hash, base64")
    String oldRoot;

    @Option(
        names = "--new-root",
        required = true,
        paramLabel = "B64",
        description = "the newer root hash, base64")
    String newRoot;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    HashSource proof;

    @Option(
        names = {"-q", "--quiet"},
        description = "print nothing on success")
    boolean quiet;

    @Override
    int execute() throws IOException {
      requireNonNegative("--old-size", oldSize);
      requireNonNegative("--new-size", newSize);
      Hash older = hash("--old-root", oldRoot);
      Hash newer = hash("--new-root", newRoot);
      List<Hash> path = HashSource.read(proof);
      try {
        ProofVerifier.verifyConsistency(new ConsistencyProof(oldSize, newSize, path), older, newer);
      } catch (ProofException e) {
        throw CommandFailure.verification(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      if (!quiet) {
        writeStdout(
            "verified: the tree of size "
                + oldSize
                + " (root "
                + older
                + ") is a prefix of the tree of size "
                + newSize
                + " (root "
                + newer
                + ")\n");
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "receipt",
      mixinStandardHelpOptions = true,
      description = {
        "Checks a C2SP tlog-proof receipt offline against the log key and the logged entry.",
        "The checkpoint must be signed by the log key --vkey and name its origin, and the entry in"
            + " --entry",
        "must be at the receipt's index under the checkpoint's root. With --witness-policy the"
            + " checkpoint",
        "must also carry the cosignatures the policy's quorum requires.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:verified",
        "1:not verified (reason on stderr)",
        "2:bad usage or malformed input"
      })
  static final class Receipt extends CliCommand {
    @Option(
        names = "--receipt",
        required = true,
        paramLabel = "FILE",
        description = "the .tlog-proof / .receipt file")
    Path receipt;

    @Option(
        names = "--vkey",
        required = true,
        paramLabel = "LOGVKEY",
        description = "the log's verifier key")
    String vkey;

    @Option(
        names = "--entry",
        required = true,
        paramLabel = "FILE",
        description = "the logged entry (the signed statement note)")
    Path entry;

    @Option(
        names = "--witness-policy",
        paramLabel = "FILE",
        description =
            "C2SP tlog-policy file: the checkpoint must carry the cosignatures its quorum requires")
    @Nullable Path witnessPolicy;

    @Option(
        names = {"-q", "--quiet"},
        description = "print nothing on success")
    boolean quiet;

    @Override
    int execute() throws IOException {
      LogKey log;
      TlogProof parsed;
      try {
        log = LogKey.parse(vkey);
        parsed = TlogProof.parse(InputFiles.read(receipt, TlogProof.MAX_BYTES, "receipt"));
      } catch (MalformedInputException e) {
        throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      byte[] entryBytes = InputFiles.read(entry, MAX_ENTRY_BYTES, "entry file");
      var policy = witnessPolicy == null ? null : WitnessPolicies.read(witnessPolicy);
      VerifiedCheckpoint checkpoint;
      try {
        checkpoint = ReceiptVerifier.verify(parsed, entryBytes, log);
      } catch (MalformedInputException e) {
        throw CommandFailure.usage("receipt checkpoint: " + e.getMessage());
      } catch (BadSignatureException | ProofException e) {
        throw CommandFailure.verification(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      String witnesses =
          policy == null
              ? (checkpoint.otherSignatures() > 0
                  ? "; " + checkpoint.otherSignatures() + " other signature(s) not checked"
                  : "")
              : "; " + WitnessPolicies.require(policy, parsed.checkpointNote());
      if (!quiet) {
        writeStdout(
            "verified: entry "
                + parsed.index()
                + " is in "
                + log.origin()
                + " at tree size "
                + checkpoint.size()
                + " (root "
                + checkpoint.root()
                + "), checkpoint signed by "
                + log.vkey()
                + witnesses
                + "\n");
      }
      return ExitCodes.OK;
    }
  }

  static void requireNonNegative(String option, long value) {
    if (value < 0) {
      throw CommandFailure.usage(option + " must be >= 0, got " + value);
    }
  }

  static Hash hash(String option, String b64) {
    try {
      return Hash.fromBase64(b64);
    } catch (MalformedInputException e) {
      throw CommandFailure.usage(option + ": " + e.getMessage());
    }
  }
}
