package org.countersign.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/** Entry point of the {@code countersign} command. */
@Command(
    name = "countersign",
    mixinStandardHelpOptions = true,
    version = "countersign 0.1.0-SNAPSHOT",
    description = "Makes an arms-control agreement verifiable in software.")
public final class Main implements Runnable {
  /**
   * The subcommands, in the order the help lists them. Registered in code rather than in the
   * annotation so that {@link #main} can build only the one a command line names (see {@link
   * #commandLine(Main, String)}).
   */
  private static final List<Class<?>> COMMANDS =
      List.of(
          CommandLine.HelpCommand.class,
          KeygenCommand.class,
          NoteCommand.class,
          ProofCommand.class,
          SubmitCommand.class,
          AuditCommand.class,
          StatementCommand.class,
          EscrowCommand.class,
          InspectCommand.class,
          DemoCommand.class,
          WitnessCommand.class,
          EvidenceCommand.class,
          MonitorCommand.class,
          ComplianceCommand.class,
          StabilityCommand.class,
          ProposalCommand.class,
          NegotiationCommand.class,
          MirrorCommand.class,
          ServeCommand.class);

  private final InputStream stdin;
  private final OutputStream stdout;

  public Main() {
    this(System.in, System.out);
  }

  /**
   * A root command whose subcommands read {@code stdin} and write {@code stdout} as bytes (see
   * {@code CliCommand}); for in-process use and tests. Diagnostics go to picocli's error writer.
   */
  public Main(InputStream stdin, OutputStream stdout) {
    this.stdin = stdin;
    this.stdout = stdout;
  }

  /** The byte stream commands read their input from. */
  public InputStream stdin() {
    return stdin;
  }

  /** The byte stream commands write their output to. */
  public OutputStream stdout() {
    return stdout;
  }

  @Override
  public void run() {
    // Not reached: a command group without a subcommand is refused in execute(), below.
  }

  public static void main(String[] args) {
    String first = args.length > 0 ? args[0] : null;
    chooseLogging(first);
    System.exit(commandLine(new Main(), first).execute(args));
  }

  /** The logging configuration {@link #chooseLogging} selects for client commands. */
  static final String CLIENT_LOGGING = "countersign-client-logback.xml";

  private static final String LOGBACK_CONFIGURATION = "logback.configurationFile";

  /** Whether {@link #main} selected {@link #CLIENT_LOGGING}, so that levels need no setting. */
  private static volatile boolean clientLogging;

  /**
   * Before anything logs, points a client command's logging at {@link #CLIENT_LOGGING} (warnings
   * only, servers silent), which logback reads only if something logs: setting the levels in code
   * ({@link #keepServerLogsOffStderr}) starts logback and parses its XML configuration in every
   * run, a tenth of a second of a client command's start-up (docs/benchmarks.md, "seventh pass"). A
   * configuration the user chose is kept, with the levels set in code as before.
   */
  private static void chooseLogging(@Nullable String first) {
    if ((first == null || !SERVERS.contains(first))
        && System.getProperty(LOGBACK_CONFIGURATION) == null) {
      System.setProperty(LOGBACK_CONFIGURATION, CLIENT_LOGGING);
      clientLogging = true;
    }
  }

  /**
   * The command line of {@code main}, configured as the {@code countersign} command behaves: a
   * usage error is one line on stderr prefixed {@code countersign:} (with a suggestion for a
   * mistyped option or command) and exit status 2, and a command group without a subcommand is a
   * usage error naming its subcommands.
   */
  public static CommandLine commandLine(Main main) {
    return commandLine(main, null);
  }

  /**
   * {@link #commandLine(Main)} with only the subcommand named {@code first} when it names one:
   * picocli builds every registered command's model by reflection before it parses anything, which
   * a short client command such as {@code audit} would otherwise pay for the whole tree (about a
   * fifth of a quiet {@code audit --help}, docs/benchmarks.md). Anything else ({@code help}, an
   * option, a typo that needs suggestions, nothing) gets the whole tree. Parsing, help and errors
   * within the named command are the same either way: its model does not depend on its siblings.
   */
  static CommandLine commandLine(Main main, @Nullable String first) {
    return commandLine(main, first, CommandLine.defaultFactory());
  }

  /**
   * {@link #commandLine(Main, String)} whose commands are created by {@code factory}: tests inject
   * a command's clock, randomness or environment through it.
   */
  static CommandLine commandLine(Main main, @Nullable String first, CommandLine.IFactory factory) {
    CommandLine cli = new CommandLine(main, factory);
    boolean one =
        first != null
            && !first.equals("help")
            && COMMANDS.stream().anyMatch(c -> commandName(c).equals(first));
    for (Class<?> command : COMMANDS) {
      if (!one || commandName(command).equals(first)) {
        cli.addSubcommand(command);
      }
    }
    cli.setParameterExceptionHandler(Main::usageError);
    cli.setExecutionStrategy(Main::execute);
    cli.setUsageHelpAutoWidth(true);
    reflow(cli);
    cli.setHelpFactory(Main::reflowedHelp);
    return cli;
  }

  /**
   * Option and parameter descriptions are source lines too: picocli would start each on a new line
   * of the help, leaving a line cut mid-sentence before it. Each is rendered from a copy of its
   * spec whose description is joined into paragraphs (lines up to an empty one), which picocli then
   * wraps at the terminal's width.
   */
  private static CommandLine.Help reflowedHelp(
      CommandSpec spec, CommandLine.Help.ColorScheme scheme) {
    return new CommandLine.Help(spec, scheme) {
      @Override
      public CommandLine.Help.IOptionRenderer createDefaultOptionRenderer() {
        CommandLine.Help.IOptionRenderer plain = super.createDefaultOptionRenderer();
        return (option, labels, colors) ->
            plain.render(
                option.description().length < 2
                    ? option
                    : option.toBuilder().description(paragraphs(option.description())).build(),
                labels,
                colors);
      }

      @Override
      public CommandLine.Help.IParameterRenderer createDefaultParameterRenderer() {
        CommandLine.Help.IParameterRenderer plain = super.createDefaultParameterRenderer();
        return (param, labels, colors) ->
            plain.render(
                param.description().length < 2
                    ? param
                    : param.toBuilder().description(paragraphs(param.description())).build(),
                labels,
                colors);
      }
    };
  }

  /** Source lines joined into paragraphs: an empty line ends one and stays as a separator. */
  private static String[] paragraphs(String[] lines) {
    List<String> paragraphs = new java.util.ArrayList<>();
    StringBuilder p = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank()) {
        if (!p.isEmpty()) {
          paragraphs.add(p.toString());
          p.setLength(0);
        }
        paragraphs.add("");
      } else {
        p.append(p.isEmpty() ? "" : " ").append(line.strip());
      }
    }
    if (!p.isEmpty()) {
      paragraphs.add(p.toString());
    }
    return paragraphs.toArray(String[]::new);
  }

  /**
   * Descriptions are written as source lines; picocli would print each as a hard line, wrapped
   * again at the terminal's width (ragged), and list commands by their first line (cut
   * mid-sentence). Here each paragraph (lines up to an empty one) becomes one string that picocli
   * wraps itself, and the first sentence stands alone, so that the command list shows it whole.
   */
  private static void reflow(CommandLine cmd) {
    var usage = cmd.getCommandSpec().usageMessage();
    String[] lines = usage.description();
    if (lines.length > 0) {
      List<String> paragraphs = new java.util.ArrayList<>(List.of(paragraphs(lines)));
      String first = paragraphs.get(0);
      int end = firstSentenceEnd(first);
      if (end > 0 && end < first.length()) {
        paragraphs.set(0, first.substring(end).strip());
        paragraphs.add(0, first.substring(0, end));
      }
      usage.description(paragraphs.toArray(String[]::new));
    }
    cmd.getSubcommands().values().forEach(Main::reflow);
  }

  /** The end of the first sentence: after a period followed by a space and a capital letter. */
  private static int firstSentenceEnd(String text) {
    for (int i = 0; i + 2 < text.length(); i++) {
      if (text.charAt(i) == '.'
          && text.charAt(i + 1) == ' '
          && Character.isUpperCase(text.charAt(i + 2))) {
        return i + 1;
      }
    }
    return -1;
  }

  private static String commandName(Class<?> command) {
    Command c = command.getAnnotation(Command.class);
    return c == null ? "" : c.name();
  }

  /** Commands whose log is their output: an operator reads it. */
  private static final java.util.Set<String> SERVERS = java.util.Set.of("serve", "witness");

  private static int execute(ParseResult parsed) {
    if (!clientLogging
        && (!parsed.hasSubcommand()
            || !SERVERS.contains(parsed.subcommand().commandSpec().name()))) {
      keepServerLogsOffStderr();
    }
    // The bare command: nothing after "countersign".
    boolean bare = !parsed.hasSubcommand();
    ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    CommandLine cmd = last.commandSpec().commandLine();
    if (!cmd.isUsageHelpRequested()
        && !cmd.isVersionHelpRequested()
        && !(cmd.getCommand() instanceof CliCommand)
        && !(cmd.getCommand() instanceof CommandLine.HelpCommand)
        && !cmd.getSubcommands().isEmpty()) {
      PrintWriter err = cmd.getErr();
      if (bare) {
        // The bare command: its summary is what a new user needs, on stderr since it is an error.
        cmd.usage(err);
      }
      String name = qualifiedName(cmd.getCommandSpec());
      err.println(
          "countersign: "
              + (bare
                  ? "a command is needed"
                  : name.substring("countersign ".length()) + " needs a subcommand")
              + ": "
              + subcommandNames(cmd)
              + "; see '"
              + qualifiedName(cmd.getCommandSpec())
              + " --help'");
      err.flush();
      return ExitCodes.USAGE;
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /**
   * The levels of a client command's logging: warnings only, in-process servers silent. {@link
   * #CLIENT_LOGGING} says the same ({@code ClientLoggingTest} holds the two together).
   */
  static final java.util.Map<String, ch.qos.logback.classic.Level> CLIENT_LEVELS =
      java.util.Map.of(
          "ROOT", ch.qos.logback.classic.Level.WARN,
          "io.javalin", ch.qos.logback.classic.Level.OFF,
          "org.eclipse.jetty", ch.qos.logback.classic.Level.OFF,
          "org.countersign", ch.qos.logback.classic.Level.WARN);

  /**
   * A client's stderr is for its user: the embedded server's and the HTTP stack's log lines (an
   * INFO line per start, a Jetty stack line before a friendly "cannot listen") would bury the
   * command's own one-line messages. Countersign's own warnings and errors still show.
   */
  private static void keepServerLogsOffStderr() {
    CLIENT_LEVELS.forEach(Main::level);
  }

  private static void level(String logger, ch.qos.logback.classic.Level level) {
    if (org.slf4j.LoggerFactory.getLogger(logger) instanceof ch.qos.logback.classic.Logger l) {
      l.setLevel(level);
    }
  }

  /** One line naming the problem, a suggestion where picocli has one, and where to read more. */
  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    StringBuilder line = new StringBuilder("countersign: ");
    String name = qualifiedName(cmd.getCommandSpec());
    if (!name.equals("countersign")) {
      line.append(name.substring("countersign ".length())).append(": ");
    }
    String message = e.getMessage() == null ? "bad usage" : e.getMessage().strip();
    if (e instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
      String first = unmatched.getUnmatched().get(0);
      boolean option = first.startsWith("-");
      String bare = option && first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
      List<String> known =
          option
              ? List.copyOf(cmd.getCommandSpec().optionsMap().keySet())
              : cmd.getSubcommands().keySet().stream().filter(n -> !n.equals("help")).toList();
      line.append(
          option
              ? "unknown option " + bare
              : known.isEmpty() ? "unexpected argument " + first : "unknown command " + first);
      List<String> close = closest(bare, known);
      if (!close.isEmpty()) {
        line.append(" (did you mean ").append(String.join(" or ", close)).append("?)");
      }
    } else {
      line.append(firstLine(message));
    }
    line.append("; see '").append(name).append(" --help'");
    err.println(line);
    err.flush();
    return ExitCodes.USAGE;
  }

  /** The known names within two edits of {@code typed} (at most three, closest first). */
  static List<String> closest(String typed, List<String> known) {
    record Scored(String name, int distance) {}
    return known.stream()
        .map(k -> new Scored(k, distance(typed, k)))
        .filter(s -> s.distance() <= Math.min(2, Math.max(1, s.name().length() / 3)))
        .sorted(java.util.Comparator.comparingInt(Scored::distance).thenComparing(Scored::name))
        .limit(3)
        .map(Scored::name)
        .toList();
  }

  /** Edit distance with transpositions (optimal string alignment). */
  private static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String firstLine(String message) {
    int nl = message.indexOf('\n');
    String first = nl < 0 ? message : message.substring(0, nl);
    // picocli ends some messages with a period; the line goes on after it.
    return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
  }

  private static String qualifiedName(CommandSpec spec) {
    return spec.qualifiedName(" ");
  }

  private static String subcommandNames(CommandLine cmd) {
    return cmd.getSubcommands().keySet().stream()
        .filter(n -> !n.equals("help"))
        .collect(Collectors.joining(", "));
  }
}
