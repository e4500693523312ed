package org.countersign.cli;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.countersign.treaty.compliance.Admission;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.escrow.EscrowItem;
import org.countersign.treaty.escrow.EscrowVault;
import org.countersign.treaty.escrow.EscrowVaultException;
import org.countersign.treaty.loader.TreatyException;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.AttributeDef;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealSelectionKind;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code countersign escrow commit|reveal|verify|key}: declarations under cryptographic escrow.
 *
 * <p>{@code commit} turns a party's item list into a salted Merkle commitment: the items and salts
 * go into an encrypted vault that never leaves the party's machine, and the public statement (root,
 * item count, totals) is written for {@code submit}. {@code reveal} opens chosen items of a vault
 * as reveal statements, cut into parts under the statement size cap. {@code verify} checks,
 * offline, that reveals open a commitment, fit their selection, and agree with its totals. See
 * {@code docs/escrow-and-inspections.md}.
 */
@Command(
    name = "escrow",
    mixinStandardHelpOptions = true,
    description = "Commits to a declaration under escrow, opens chosen items, verifies reveals.",
    subcommands = {
      EscrowCommand.Commit.class,
      EscrowCommand.Reveal.class,
      EscrowCommand.Verify.class,
      EscrowCommand.Key.class
    })
final class EscrowCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }

  /** How a vault is keyed: a passphrase from the environment, or a raw key file. */
  static final class VaultKey {
    @Option(
        names = "--passphrase-env",
        paramLabel = "VAR",
        description = "environment variable holding the vault passphrase (PBKDF2-HMAC-SHA256)")
    @Nullable String passphraseEnv;

    @Option(
        names = "--key-file",
        paramLabel = "FILE",
        description = "file holding a 256-bit vault key as 64 hex digits (see `escrow key`)")
    @Nullable Path keyFile;

    EscrowVault open(Function<String, @Nullable String> env) throws IOException {
      if (keyFile != null) {
        try {
          return EscrowVault.withKeyFile(keyFile);
        } catch (IllegalArgumentException e) {
          // The vault's message names the file already.
          throw CommandFailure.usage(
              Objects.requireNonNullElse(e.getMessage(), "key file " + keyFile + " is invalid")
                  + " (a vault key from `escrow key`, not a signer key)");
        }
      }
      if (passphraseEnv == null) {
        // The group is exclusive with multiplicity 1, so picocli sets one of the two; this guards
        // a caller that builds a VaultKey by hand.
        throw CommandFailure.usage("give --passphrase-env VAR or --key-file FILE");
      }
      String passphrase = env.apply(passphraseEnv);
      if (passphrase == null || passphrase.isEmpty()) {
        throw CommandFailure.usage(
            "environment variable "
                + passphraseEnv
                + " is not set or empty; it must hold the vault passphrase");
      }
      return EscrowVault.withPassphrase(passphrase.toCharArray());
    }
  }

  /** Reads a vault, mapping a wrong key or a damaged file to a usage error. */
  static EscrowDeclaration readVault(
      Path vault, VaultKey key, Function<String, @Nullable String> env) throws IOException {
    if (!Files.isRegularFile(vault)) {
      throw CommandFailure.missing("vault " + vault + " does not exist");
    }
    try (EscrowVault v = key.open(env)) {
      return v.read(vault);
    } catch (EscrowVaultException e) {
      throw CommandFailure.usage("vault " + vault + ": " + e.getMessage());
    }
  }

  @Command(
      name = "commit",
      mixinStandardHelpOptions = true,
      description = {
        "Commits to every item of a declaration: writes the items and their salts to an encrypted",
        "vault (keep it: it is the only way to open the commitment; never send it anywhere) and",
        "the public escrow-commitment statement (root, item count, totals) for `submit`.",
        "ITEMS is JSON ([{id, category, status, site, zone, attributes}] ) or CSV (header",
        "id,category,status,site,zone then one column per attribute).",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:vault and statement written",
        "2:bad usage, bad items, or an output exists",
        "3:file error"
      })
  static final class Commit extends CliCommand {
    @Option(
        names = "--items",
        required = true,
        paramLabel = "ITEMS",
        description = "the item list, .json or .csv")
    Path items;

    @Option(
        names = "--vault",
        required = true,
        paramLabel = "FILE",
        description = "the vault to create (never overwritten)")
    Path vault;

    @ArgGroup(exclusive = true, multiplicity = "1")
    VaultKey key;

    @Option(
        names = "--party",
        required = true,
        paramLabel = "P",
        description = "the declaring party, e.g. RU")
    String party;

    @Option(
        names = "--treaty",
        required = true,
        paramLabel = "T",
        description = "the treaty id, e.g. new-start")
    String treaty;

    @Option(
        names = "--treaty-file",
        paramLabel = "FILE",
        description =
            "the treaty file to check the items against (default: the built-in treaty T, if any)")
    @Nullable Path treatyFile;

    @Option(
        names = "--as-of",
        required = true,
        paramLabel = "DATE",
        description = "the date the items describe, YYYY-MM-DD")
    String asOf;

    @Option(
        names = "--previous-root",
        paramLabel = "HEX",
        defaultValue = "",
        description =
            "root of the party's previous escrowed declaration, linking the two (default: none)")
    String previousRoot;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "STATEMENT.json",
        description = "the statement to write")
    Path out;

    private final InstantSource clock;
    private final RandomGenerator random;
    private final Function<String, @Nullable String> env;

    Commit() {
      this(InstantSource.system(), new SecureRandom(), System::getenv);
    }

    Commit(InstantSource clock, RandomGenerator random, Function<String, @Nullable String> env) {
      this.clock = clock;
      this.random = random;
      this.env = env;
    }

    @Override
    int execute() throws IOException {
      LocalDate date = date(asOf);
      for (Path p : List.of(vault, out)) {
        if (Files.exists(p)) {
          throw CommandFailure.usage(p + " exists; a vault or statement is never overwritten");
        }
      }
      List<EscrowItem> list =
          EscrowItemsFile.parse(
              items.getFileName().toString(),
              InputFiles.read(items, EscrowItemsFile.MAX_BYTES, "item file"));
      Treaty model = treatyModel();
      int defaulted = 0;
      if (model != null) {
        checkItems(model, list, date);
        var stated = withDefaultsStated(model, list);
        for (int i = 0; i < list.size(); i++) {
          defaulted += stated.get(i).equals(list.get(i)) ? 0 : 1;
        }
        list = stated;
      }
      EscrowDeclaration declaration;
      try {
        declaration = EscrowDeclaration.commit(list, random);
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage(items + ": " + e.getMessage());
      }
      EscrowCommitment statement;
      try {
        statement =
            declaration.commitment(treaty, party, StatementJson.now(clock), date, previousRoot);
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage("escrow-commitment: " + e.getMessage());
      }
      if (model != null) {
        try {
          Admission.check(model, statement);
        } catch (InvalidStatementException e) {
          throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
      }
      try (EscrowVault v = key.open(env)) {
        v.write(vault, declaration, random);
      }
      StatementFiles.createNew(out, StatementFiles.json(statement));
      var b = new StringBuilder();
      b.append("committed ")
          .append(declaration.itemCount())
          .append(" items as of ")
          .append(date)
          .append(": root ")
          .append(declaration.root().hex())
          .append('\n');
      for (EscrowTotal t : declaration.totals()) {
        b.append("  ")
            .append(t.category())
            .append('/')
            .append(t.status())
            .append(": ")
            .append(t.items())
            .append(" items")
            .append(t.attributeSums().isEmpty() ? "" : " " + t.attributeSums())
            .append('\n');
      }
      if (defaulted > 0) {
        b.append("  ")
            .append(defaulted)
            .append(defaulted == 1 ? " item" : " items")
            .append(" committed with the treaty's default of an attribute they left out written")
            .append(" out (the published sums count only stated values)\n");
      }
      b.append("vault: ")
          .append(vault)
          .append(" (keep it: without it the commitment cannot be opened)\n");
      b.append("statement: ").append(out).append(" (sign and log it with `countersign submit`)\n");
      writeStdout(b.toString());
      return ExitCodes.OK;
    }

    /** The treaty to check items against, or null for a treaty this build does not know. */
    private @Nullable Treaty treatyModel() throws IOException {
      try {
        if (treatyFile != null) {
          return TreatyLoader.load(treatyFile);
        }
        return TreatyLoader.BUILT_IN.contains(treaty) ? TreatyLoader.builtIn(treaty) : null;
      } catch (TreatyException e) {
        throw CommandFailure.usage(Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
    }

    /**
     * Every item must be one the treaty admits in a declaration (category, status, id, attributes).
     */
    private void checkItems(Treaty model, List<EscrowItem> list, LocalDate date) {
      Instant at = date.atStartOfDay().toInstant(ZoneOffset.UTC);
      for (int i = 0; i < list.size(); i++) {
        EscrowItem it = list.get(i);
        try {
          var one =
              new Declaration(
                  treaty,
                  party,
                  at,
                  date,
                  1,
                  1,
                  List.of(
                      new DeclaredItem(
                          it.id(),
                          it.category(),
                          it.status(),
                          it.site(),
                          it.zone(),
                          it.attributes(),
                          it.type())));
          Admission.check(model, one);
        } catch (IllegalArgumentException | InvalidStatementException e) {
          throw CommandFailure.usage(
              items
                  + ": item "
                  + (i + 1)
                  + " ("
                  + it.id()
                  + ") does not fit "
                  + model.id()
                  + ": "
                  + reason(Objects.requireNonNullElse(e.getMessage(), e.toString()), it.id()));
        }
      }
    }
  }

  /**
   * The items with every attribute default of their category written out. A commitment publishes,
   * per group, the sum of each attribute over the items that state it, and the limits are counted
   * from those sums: an item that leaves a default implicit (a bomber without {@code
   * nuclear-armaments}) would count as 0 there while the treaty counts it as its default.
   */
  static List<EscrowItem> withDefaultsStated(Treaty model, List<EscrowItem> list) {
    var out = new ArrayList<EscrowItem>(list.size());
    for (EscrowItem it : list) {
      EscrowItem stated = it;
      var category = model.category(it.category());
      if (category.isPresent()) {
        for (AttributeDef a : category.get().attributes()) {
          Long value = a.defaultValue();
          if (value != null && !stated.attributes().containsKey(a.id())) {
            stated = stated.withAttribute(a.id(), value);
          }
        }
      }
      out.add(stated);
    }
    return out;
  }

  /** Admission's reason about the one item, without the declaration's own prefix. */
  static String reason(String message, String id) {
    for (String prefix :
        List.of(
            "declaration: items[0] (" + id + ").",
            "declaration: items[0] (" + id + "): ",
            "item " + id + ": ",
            "declaration: ")) {
      if (message.startsWith(prefix)) {
        return message.substring(prefix.length());
      }
    }
    return message;
  }

  /** What a reveal opens: exactly one selection. */
  static final class Selection {
    @Option(names = "--site", paramLabel = "S", description = "every committed item at site S")
    @Nullable String site;

    @Option(names = "--zone", paramLabel = "Z", description = "every committed item in zone Z")
    @Nullable String zone;

    @Option(
        names = "--category",
        paramLabel = "C",
        description = "every committed item of category C")
    @Nullable String category;

    @ArgGroup(exclusive = false)
    Sample sample;

    @Option(
        names = "--item",
        paramLabel = "ID",
        description = "a chosen item (repeatable); no completeness claim")
    List<String> items;
  }

  /** The leaves drawn from a seed (e.g. the seed of an inspection's joint draw). */
  static final class Sample {
    @Option(
        names = "--sample",
        required = true,
        paramLabel = "N",
        description = "open the N leaves drawn from --seed")
    long size;

    @Option(
        names = "--seed",
        required = true,
        paramLabel = "HEX",
        description = "the draw seed, 64 hex digits")
    String seed;

    @Option(
        names = "--reference",
        paramLabel = "ID",
        defaultValue = "",
        description = "where the seed comes from, e.g. the inspection request id")
    String reference;
  }

  @Command(
      name = "reveal",
      mixinStandardHelpOptions = true,
      description = {
        "Opens chosen items of a vault: writes escrow-reveal statements (one file per part, under",
        "the statement size cap) into DIR, for `submit`. Each opened item carries its salt and its",
        "inclusion proof, so anyone can check it against the committed root.",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:reveal parts written",
        "2:bad usage, wrong key, a selection that selects nothing, or a part file exists",
        "3:file error"
      })
  static final class Reveal extends CliCommand {
    @Option(
        names = "--vault",
        required = true,
        paramLabel = "FILE",
        description = "the vault of the commitment")
    Path vault;

    @ArgGroup(exclusive = true, multiplicity = "1")
    VaultKey key;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Selection selection;

    @Option(
        names = "--party",
        required = true,
        paramLabel = "P",
        description = "the declaring party")
    String party;

    @Option(names = "--treaty", required = true, paramLabel = "T", description = "the treaty id")
    String treaty;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "folder for the part files (created if missing)")
    Path out;

    private final InstantSource clock;
    private final Function<String, @Nullable String> env;

    Reveal() {
      this(InstantSource.system(), System::getenv);
    }

    Reveal(InstantSource clock, Function<String, @Nullable String> env) {
      this.clock = clock;
      this.env = env;
    }

    @Override
    int execute() throws IOException {
      EscrowDeclaration declaration = readVault(vault, key, env);
      Instant now = StatementJson.now(clock);
      if (selection.items == null) {
        requireSomethingSelected(declaration, selectionOf(selection));
      }
      List<EscrowReveal> parts;
      try {
        parts =
            selection.items != null
                ? declaration.revealItems(treaty, party, now, selection.items)
                : declaration.reveal(treaty, party, now, selectionOf(selection));
      } catch (IllegalArgumentException e) {
        throw CommandFailure.usage("escrow-reveal: " + e.getMessage());
      }
      Files.createDirectories(out);
      var files = new ArrayList<Path>();
      for (EscrowReveal p : parts) {
        Path f = out.resolve("reveal-part-" + p.part() + "-of-" + p.parts() + ".json");
        if (Files.exists(f)) {
          throw CommandFailure.usage(f + " exists; choose an empty folder");
        }
        files.add(f);
      }
      long opened = 0;
      for (int i = 0; i < parts.size(); i++) {
        StatementFiles.createNew(files.get(i), StatementFiles.json(parts.get(i)));
        opened += parts.get(i).items().size();
      }
      var b = new StringBuilder();
      b.append("opened ")
          .append(opened)
          .append(" of ")
          .append(declaration.itemCount())
          .append(" items of commitment ")
          .append(declaration.root().hex())
          .append(" (")
          .append(parts.get(0).selection().kind().name().toLowerCase(java.util.Locale.ROOT))
          .append(") in ")
          .append(parts.size())
          .append(" part(s):\n");
      files.forEach(f -> b.append("  ").append(f).append('\n'));
      writeStdout(b.toString());
      return ExitCodes.OK;
    }

    /**
     * A site, zone or category that selects nothing is a mistake (a typo, another vault), never an
     * empty reveal logged forever: name what the vault holds instead.
     */
    private static void requireSomethingSelected(
        EscrowDeclaration declaration, RevealSelection rule) {
      if (rule.kind() == RevealSelectionKind.SAMPLE || declaration.select(rule).length > 0) {
        return;
      }
      Function<EscrowItem, String> field =
          switch (rule.kind()) {
            case SITE -> EscrowItem::site;
            case ZONE -> EscrowItem::zone;
            default -> EscrowItem::category;
          };
      String what = rule.kind().name().toLowerCase(java.util.Locale.ROOT);
      var known = new java.util.TreeSet<String>();
      for (EscrowItem item : declaration.items()) {
        known.add(field.apply(item));
      }
      known.remove("");
      throw CommandFailure.usage(
          "no item of the vault is in "
              + what
              + " \""
              + rule.value()
              + "\"; the vault's "
              + what
              + "s: "
              + (known.isEmpty() ? "(none)" : String.join(", ", known)));
    }

    private static RevealSelection selectionOf(Selection s) {
      if (s.site != null) {
        return RevealSelection.site(s.site);
      } else if (s.zone != null) {
        return RevealSelection.zone(s.zone);
      } else if (s.category != null) {
        return RevealSelection.category(s.category);
      }
      return RevealSelection.sample(s.sample.seed, s.sample.size, s.sample.reference);
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Checks offline that reveals open a commitment: every opened item against the committed",
        "root, each part against its selection, the parts of one reveal together, and the opened",
        "items against the published totals. Files are statement JSON bodies or logged entries",
        "(statement text, with or without signatures; signatures are `audit`'s business).",
      },
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {
        "0:every reveal verifies and agrees with the totals",
        "1:a reveal does not verify, or contradicts the totals",
        "2:bad usage or unreadable file",
        "3:a missing file"
      })
  static final class Verify extends CliCommand {
    @Option(
        names = "--commitment",
        required = true,
        paramLabel = "FILE",
        description = "the escrow-commitment statement")
    Path commitment;

    @Option(
        names = "--reveal",
        required = true,
        paramLabel = "FILE",
        description = "an escrow-reveal statement (repeatable)")
    List<Path> reveals;

    @Override
    int execute() throws IOException {
      EscrowCommitment c =
          StatementFiles.read(commitment, EscrowCommitment.class, "commitment file");
      var parts = new ArrayList<EscrowReveal>();
      for (Path p : reveals) {
        parts.add(StatementFiles.read(p, EscrowReveal.class, "reveal file"));
      }
      RevealCheck check = RevealCheck.of(c, parts, reveals);
      writeStdout(check.text());
      return check.ok() ? ExitCodes.OK : ExitCodes.VERIFICATION_FAILED;
    }
  }

  @Command(
      name = "key",
      mixinStandardHelpOptions = true,
      description = "Writes a new random 256-bit vault key file (64 hex digits, mode 600).",
      exitCodeListHeading = "%nExit status:%n",
      exitCodeList = {"0:key written", "2:FILE exists"})
  static final class Key extends CliCommand {
    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "the key file to create")
    Path out;

    private final RandomGenerator random;

    Key() {
      this(new SecureRandom());
    }

    Key(RandomGenerator random) {
      this.random = random;
    }

    @Override
    int execute() throws IOException {
      try {
        EscrowVault.createKeyFile(out, random);
      } catch (FileAlreadyExistsException e) {
        throw CommandFailure.usage(out + " exists; a key file is never overwritten");
      }
      writeStdout("vault key written to " + out + " (keep it with the vault, apart from it)\n");
      return ExitCodes.OK;
    }
  }

  static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw CommandFailure.usage("--as-of must be a date YYYY-MM-DD, got \"" + text + "\"");
    }
  }
}
