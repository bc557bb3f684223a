package dev.berth.cli;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.auth.DockerConfig;
import dev.berth.auth.FoundCredential;
import dev.berth.core.Causes;
import dev.berth.core.Descriptor;
import dev.berth.core.content.Target;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.ProgressListener;
import dev.berth.core.remote.Redaction;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One run of {@code berth}: the console, the global flags, the registry client they configure, and what
 * the command is working on (so a failure can be explained in terms of it). {@link #open} is the one
 * place an argument becomes a store: an {@link OciLayout} or a remote {@link Repository}.
 */
public final class Session {
  private final Console console;
  private final GlobalOptions options;
  private final InputStream stdin;
  private final Map<String, String> environment;
  private volatile FailureContext context = FailureContext.NONE;
  private char[] password;
  private AskedCredentials asked;
  private final Map<String, RegistryClient> clients = new HashMap<>();
  private RegistryClient baseClient;
  private int concurrency = CopyOptions.DEFAULT_CONCURRENCY;
  private ProgressListener progress = ProgressListener.NONE;
  // Layout directories this run created by opening them for writing: a failed command removes them.
  private final List<Path> createdLayouts = new ArrayList<>();

  /** When the command started: {@code --timeout} counts from here. */
  private final java.time.Instant started = java.time.Instant.now();

  Session(Console console, GlobalOptions options, InputStream stdin, Map<String, String> environment) {
    this.console = console;
    this.options = options;
    this.stdin = stdin;
    this.environment = environment;
  }

  /** The process environment (a test's own map under test). */
  public Map<String, String> environment() {
    return environment;
  }

  public Console console() {
    return console;
  }

  public GlobalOptions options() {
    return options;
  }

  /** What the command was working on, for failure hints. */
  public FailureContext failureContext() {
    FailureContext ctx = context;
    if (ctx.host() == null) {
      return ctx;
    }
    // Only what the registry asked for: reading the store here would run helpers no registry asked for.
    FoundCredential used = asked == null ? null : asked.presented(ctx.host());
    if (used == null) {
      return ctx.withAnonymous(true);
    }
    return ctx.withCredential(used.isAnonymous(), used.describe(), CredentialHints.kind(used, environment));
  }

  /**
   * How many blobs the registry clients of this session move at once; call before the first store opens.
   *
   * @throws IllegalStateException when a registry client already exists
   */
  public void concurrency(int n) {
    if (baseClient != null) {
      throw new IllegalStateException("concurrency is set before any registry client is made");
    }
    concurrency = n;
  }

  /** Notes that the command now talks to the registry {@code host} as a whole (login). */
  public void workingOnRegistry(String host) {
    context = new FailureContext(host, false, null, false);
  }

  /** Notes that the command now works on {@code target}, reading it or writing it. */
  public void workingOn(TargetArg target, boolean writing) {
    context = new FailureContext(target.host(), writing, target.repositoryText(), false);
  }

  /**
   * The password or token from standard input (first line, without its line break), read once.
   *
   * @throws IllegalArgumentException when --password-stdin was not given or stdin is empty
   */
  public char[] password() throws IOException {
    if (password == null) {
      if (!options.passwordStdin()) {
        throw new IllegalArgumentException("a user name was given without a password: pass the password"
            + " or token on standard input with --password-stdin");
      }
      String line = PasswordLine.read(stdin);
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("--password-stdin was given but standard input was empty");
      }
      password = line.toCharArray();
      // Whatever prints it back (a server's echo, a helper's error) shows it in none of its encodings.
      Set<String> forms = Redaction.withEncodings(List.of(line, options.username() == null ? line
          : options.username() + ":" + line));
      console.redactWith(text -> Redaction.withoutSecrets(text, forms));
    }
    return password.clone();
  }

  /**
   * Opens the store {@code target} names, noting it for failure hints. A layout that does not exist is
   * created when writing (and removed again by {@link #discardCreatedLayouts} if the command fails) and
   * reported as not found when reading.
   */
  public Target open(TargetArg target, boolean writing) throws IOException {
    workingOn(target, writing);
    if (target instanceof TargetArg.Layout layout) {
      if (!writing && !Files.isDirectory(layout.dir())) {
        throw new MissingLayoutException(layout.dir());
      }
      if (writing) {
        LocalPaths.outputDirectory(layout.dir());
        Path created = LocalPaths.outermostMissing(layout.dir());
        if (created != null) {
          createdLayouts.add(created);
        }
      }
      return OciLayout.open(layout.dir());
    }
    return repository((TargetArg.Remote) target);
  }

  /**
   * Removes the layout directories this run created, after a failure, so that a command that failed
   * leaves no empty or half-filled layout behind. Layouts that existed before are left alone.
   */
  public void discardCreatedLayouts() {
    for (Path dir : createdLayouts) {
      try {
        LocalPaths.deleteTree(dir);
      } catch (IOException | RuntimeException e) {
        console.note("warning: could not remove " + dir + ", created by this failed command: "
            + Causes.firstLine(e));
      }
    }
    createdLayouts.clear();
  }

  /** The remote repository {@code target} names. */
  public Repository repository(TargetArg.Remote target) throws IOException {
    return client(target.host()).repository(target.ref());
  }

  /** Progress bars for what follows ({@code push}, {@code pull}, {@code copy}), fed by the registry transfers. */
  public ProgressBars showProgress(String verb) {
    ProgressBars bars = new ProgressBars(console, verb);
    progress(bars);
    return bars;
  }

  /** Sends byte counts of the following registry transfers to {@code listener} (until set again). */
  public void progress(ProgressListener listener) {
    this.progress = listener == null ? ProgressListener.NONE : listener;
  }

  /**
   * The registry client for {@code host}, configured from the global flags. {@code --plain-http}
   * applies to the hosts this command line names, so each host gets a client derived from one base
   * (they share its connection pool).
   */
  public RegistryClient client(String host) throws IOException {
    String key = host.toLowerCase(Locale.ROOT);
    RegistryClient client = clients.get(key);
    if (client == null) {
      RegistryClient.Builder b = base().newBuilder()
          .progressListener(ProgressListener.both(progressRelay(), GhcrLimits.warner(key, console)));
      if (options.plainHttp()) {
        b.plainHttp(key);
      }
      client = b.build();
      console.redactWith(client::withoutSecrets);
      clients.put(key, client);
    }
    return client;
  }

  /**
   * A client for {@code host} that presents only {@code credential}: what {@code berth login} verifies
   * with, so a stale stored credential cannot make a wrong password look right.
   */
  public RegistryClient clientWith(String host, Credential credential) throws IOException {
    RegistryClient.Builder b = base().newBuilder().credentials(CredentialProvider.of(credential));
    if (options.plainHttp()) {
      b.plainHttp(host.toLowerCase(Locale.ROOT));
    }
    RegistryClient client = b.build();
    console.redactWith(client::withoutSecrets);
    return client;
  }

  /**
   * The credentials this invocation uses, explicit before ambient: -u with --password-stdin; else
   * docker's config.json (or --registry-config) with its helpers, podman's auth.json, Helm's registry
   * config, and last GITHUB_TOKEN. Asked at most once per host for the whole command, each answer kept
   * with its source (and logged with --verbose) so hints can say which credential was refused
   * ({@link AskedCredentials}).
   */
  public CredentialProvider credentials() throws IOException {
    if (asked == null) {
      asked = new AskedCredentials(configuredCredentials(), options.verbose() ? this::verboseLine : line -> { });
    }
    return asked;
  }

  private CredentialProvider configuredCredentials() throws IOException {
    if (options.username() != null) {
      // -u applies to every registry on this command line, as with oras.
      return CredentialProvider.named("from -u and --password-stdin",
          CredentialProvider.of(Credential.basic(options.username(), new String(password()))));
    }
    if (options.passwordStdin()) {
      throw new IllegalArgumentException("--password-stdin needs -u/--username");
    }
    if (options.registryConfig() != null) {
      return CredentialProvider.chain(DockerConfig.at(registryConfigFile()),
          CredentialProvider.environment(environment));
    }
    return CredentialProvider.defaults(environment);
  }

  /** Where {@code berth login} stores credentials: --registry-config, else docker's config.json. */
  public DockerConfig dockerConfig() {
    return options.registryConfig() != null
        ? DockerConfig.at(registryConfigFile())
        : DockerConfig.docker(environment);
  }

  // A missing config file is fine (login creates it); a directory there is a mistake to name.
  private Path registryConfigFile() {
    Path file = options.registryConfig();
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException("--registry-config " + file + " is a directory; name the config.json file");
    }
    return file;
  }

  private RegistryClient base() throws IOException {
    if (baseClient == null) {
      RegistryClient.Builder b = RegistryClient.builder()
          .concurrency(concurrency)
          .insecure(options.insecure())
          .credentials(credentials());
      long chunk = options.chunkSize();
      if (chunk > 0) {
        b.chunkedUploads(true).chunkSize(chunk);
      }
      if (options.timeout() != null) {
        b.deadline(started.plus(options.timeout())); // from the command's start, whenever the client is made
      }
      if (options.caFile() != null) {
        b.caFile(LocalPaths.inputFile(options.caFile()));
      }
      if (options.verbose()) {
        b.addInterceptor(new HttpLog(this::verboseLine));
      }
      try {
        baseClient = b.build();
      } catch (UncheckedIOException e) {
        // Reading --ca-file is the only I/O in building a client; a bad file is a bad flag value.
        throw new IllegalArgumentException("--ca-file: " + Causes.firstLine(e.getCause()), e.getCause());
      }
    }
    return baseClient;
  }

  // Clients are built once per host, but the listener changes between transfers: relay to the current one.
  // Only byte counts are relayed: commands report completion themselves (through the copy's listener),
  // which also covers layouts, where no HTTP transfer happens.
  private ProgressListener progressRelay() {
    return new ProgressListener() {
      @Override
      public void onProgress(Descriptor d, long done, long total) {
        progress.onProgress(d, done, total);
      }
    };
  }

  private synchronized void verboseLine(String line) {
    console.err().println(line);
    console.err().flush();
  }
}
