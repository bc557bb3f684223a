package dev.berth.cli;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code berth}: push, pull and copy OCI artifacts (images, Helm charts, wasm modules, files) between
 * registries and OCI layout directories. The entry point of {@code berth.jar} and of the {@code ./berth}
 * launcher.
 */
@Command(
    name = "berth",
    mixinStandardHelpOptions = true,
    versionProvider = Berth.Version.class,
    description = "Push, pull and copy OCI artifacts: container images, Helm charts, wasm modules, files.",
    footer = {
        "",
        "References:",
        "  HOST/NAME[:TAG][@DIGEST]  a repository in a registry (ghcr.io/owner/app:v1)",
        "  oci:PATH[:TAG][@DIGEST]   an OCI image layout directory (oci:./layout:v1)",
        "Results (digests, references) go to stdout; progress and errors to stderr.",
        "Exit codes: 0 ok, 1 failure, 2 usage, 3 unauthorized or denied, 4 not found,",
        "5 network or TLS."})
public final class Berth implements Runnable {
  /**
   * The benchmark's command, which lives in the berth-bench module (it carries the peers and a registry
   * harness the CLI must not ship); present only when that module is on the class path.
   */
  private static final String BENCH_COMMAND = "dev.berth.bench.BenchCommand";

  /** The commands, in the order {@code berth --help} lists them. */
  static final List<Class<?>> COMMANDS = commands();

  private static List<Class<?>> commands() {
    List<Class<?>> commands = new ArrayList<>(List.of(
        PushCommand.class, PullCommand.class, CopyCommand.class, TagCommand.class, TagsCommand.class,
        ResolveCommand.class, ManifestCommand.class, BlobCommand.class, DiscoverCommand.class, AttachCommand.class,
        LoginCommand.class, LogoutCommand.class, PackagesCommand.class, HelmCommand.class, WasmCommand.class, ImageCommand.class,
        DemoCommand.class));
    try {
      commands.add(Class.forName(BENCH_COMMAND, false, Berth.class.getClassLoader()));
    } catch (ClassNotFoundException notShipped) {
      // the CLI distribution: no benchmark
    }
    commands.add(CommandLine.HelpCommand.class);
    return List.copyOf(commands);
  }

  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  private final Console console;
  private final InputStream stdin;
  private final Map<String, String> environment;
  private Session session;

  Berth(Console console, InputStream stdin) {
    this(console, stdin, System.getenv());
  }

  Berth(Console console, InputStream stdin, Map<String, String> environment) {
    this.console = console;
    this.stdin = stdin;
    this.environment = Map.copyOf(environment);
  }

  /**
   * Every command, for tools that describe the whole command line: the distribution's shell completion
   * scripts and man pages are generated from it. Running it prints to the process's streams.
   */
  public static CommandLine fullCommandLine() {
    return commandLine(new Berth(Console.system(), InputStream.nullInputStream()));
  }

  /** Runs {@code berth} with the process's streams and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(Console.system(), System.in, args));
  }

  /** Runs {@code berth} with these streams and returns its exit code (used by tests and the launcher). */
  public static int run(Console console, InputStream stdin, String... args) {
    return run(console, stdin, System.getenv(), args);
  }

  /** Like {@link #run(Console, InputStream, String...)}, with {@code environment} as the process environment. */
  static int run(Console console, InputStream stdin, Map<String, String> environment, String... args) {
    Berth berth = new Berth(console, stdin, environment);
    CommandLine cli = commandLine(berth, args);
    cli.setOut(console.out());
    cli.setErr(console.err());
    cli.setUsageHelpAutoWidth(true); // the terminal's width; 80 columns when it cannot be known
    cli.setParameterExceptionHandler(Berth::usageError);
    cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> berth.report(error));
    try {
      int exit = cli.execute(args);
      if (console.outFailed() && exit == ExitCodes.OK) {
        console.err().println("error: writing to standard output failed (a full disk or a closed pipe);"
            + " the command's output is incomplete");
        return ExitCodes.FAILURE;
      }
      return exit;
    } finally {
      console.out().flush();
      console.err().flush();
    }
  }

  /**
   * The command line for {@code args}. Picocli reads every option of every command it is given, which
   * took ~200 ms of each run's ~0.5 s; so when {@code args} name a command, only that one is added.
   * Anything else (no command, {@code help}, a mistyped name) gets them all, for usage and suggestions.
   */
  static CommandLine commandLine(Berth berth, String... args) {
    CommandLine cli = new CommandLine(berth);
    String name = commandName(cli.getCommandSpec(), args);
    for (Class<?> command : COMMANDS) {
      Command c = command.getAnnotation(Command.class);
      if (name != null && c.name().equals(name) && !c.name().equals("help")) {
        cli.addSubcommand(command);
        return cli;
      }
    }
    COMMANDS.forEach(cli::addSubcommand);
    return cli;
  }

  /** The first word that is neither an option of the root command nor an option's value; null if none. */
  private static String commandName(CommandSpec root, String... args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--")) {
        return null;
      }
      if (!a.startsWith("-")) {
        return a;
      }
      OptionSpec option = a.contains("=") ? null : root.findOption(a);
      if (option != null && (option.usageHelp() || option.versionHelp())) {
        return null; // berth --help push shows the root's usage, which lists every command
      }
      if (option != null && option.arity().max() > 0) {
        i++; // its value, as in --ca-file ca.pem
      }
    }
    return null;
  }

  /** With no command: the usage, on stderr, and a usage exit code. */
  @Override
  public void run() {
    spec.commandLine().usage(console.err());
    throw new ParameterException(spec.commandLine(), "no command given");
  }

  Session session() {
    if (session == null) {
      session = new Session(console, global, stdin, environment);
    }
    return session;
  }

  private int report(Exception error) {
    session().discardCreatedLayouts();
    Failure failure = FailureReport.describe(error, session().failureContext());
    console.note("error: " + failure.message());
    if (failure.hint() != null) {
      console.note("hint: " + failure.hint());
    }
    if (global.verbose()) {
      error.printStackTrace(console.err());
    }
    console.err().flush();
    return failure.exitCode();
  }

  private static int usageError(ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    String hint = "see '" + cmd.getCommandSpec().qualifiedName() + " --help'";
    String message = e.getMessage();
    if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
      // Picocli says "Unmatched argument at index 0: 'pul'"; say what the word was taken for.
      String first = u.getUnmatched().get(0);
      message = (u.isUnknownOption() ? "unknown option '" : !cmd.getSubcommands().isEmpty()
          ? "unknown command '" : "unexpected argument '") + first + "'";
      // Picocli suggests something for any word; a shared first letter keeps only the likely typos.
      List<String> likely = u.getSuggestions().stream()
          .filter(s -> !s.isEmpty() && !first.isEmpty() && s.charAt(0) == first.charAt(0)).limit(2).toList();
      if (!likely.isEmpty()) {
        message += " (did you mean " + String.join(" or ", likely) + "?)";
      }
    }
    cmd.getErr().println("error: " + message);
    cmd.getErr().println("hint: " + hint);
    cmd.getErr().flush();
    return ExitCodes.USAGE;
  }

  /**
   * {@code berth --version}: berth's version and the commit it was built from (written into
   * {@code build.properties} by the build), and the Java runtime it runs on.
   */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties build = BuildInfo.load();
      return new String[] {
          "berth " + build.getProperty("version") + " (commit " + build.getProperty("commit") + ")",
          "Java " + System.getProperty("java.runtime.version") + " (" + System.getProperty("java.vendor") + ", "
              + System.getProperty("java.vm.name") + ") on " + System.getProperty("os.name") + " "
              + System.getProperty("os.arch"),
          "Java home: " + System.getProperty("java.home")};
    }
  }
}
