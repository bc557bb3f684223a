package dev.berth.maven;

import dev.berth.artifacts.Annotations;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.remote.RegistryClient;
import dev.berth.maven.internal.LogProgress;
import dev.berth.maven.internal.MojoFailures;
import dev.berth.maven.internal.SettingsCredentials;
import dev.berth.maven.internal.StoreRef;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * What every berth goal shares: skipping, the registry client (TLS options, plain-HTTP hosts) and its
 * credentials (a settings.xml {@code <server>} whose id is the registry host, then berth's usual sources:
 * GITHUB_ACTOR/GITHUB_TOKEN for ghcr.io, docker's and podman's config), progress through Maven's log, and
 * failures as {@link MojoExecutionException}s carrying berth's one-line message and a hint.
 */
public abstract class AbstractBerthMojo extends AbstractMojo {
  /** Skips this goal (for example {@code -Dberth.skip} on a build that should not publish). */
  @Parameter(property = "berth.skip", defaultValue = "false")
  protected boolean skip;

  /**
   * Registry hosts ({@code host[:port]}, as in references) spoken to over plain HTTP instead of TLS. Only
   * for local test registries; comma-separated on the command line.
   */
  @Parameter(property = "berth.plainHttp")
  protected List<String> plainHttp;

  /** Skips TLS certificate verification. For testing only: anyone on the path can read the token. */
  @Parameter(property = "berth.insecure", defaultValue = "false")
  protected boolean insecure;

  /** A PEM file with CA certificates to trust besides the JDK's (a registry behind a private CA). */
  @Parameter(property = "berth.caFile")
  protected File caFile;

  /** The project: its base directory resolves {@code oci:} layout paths, its build directory holds scratch files. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  /** Maven's settings, for the {@code <server>} entries whose id is a registry host. */
  @Parameter(defaultValue = "${settings}", readonly = true, required = true)
  protected Settings settings;

  /** Decrypts settings.xml passwords encrypted with {@code mvn --encrypt-password}. */
  @Component
  protected SettingsDecrypter decrypter;

  private CredentialProvider credentials;
  private RegistryClient client;
  // What the goal works on, for the failure hint: the registry host, whether it writes there.
  private String currentHost;
  private boolean writing;

  @Override
  public final void execute() throws MojoExecutionException {
    if (skip) {
      getLog().info("berth: skipping (skip is set)");
      return;
    }
    try {
      run();
    } catch (MojoExecutionException e) {
      throw e;
    } catch (Exception | LinkageError e) {
      MojoFailures.Described d = MojoFailures.describe(e, currentHost, writing, anonymous(currentHost));
      throw new MojoExecutionException(d.text(), e);
    }
  }

  /** The goal's work; any exception becomes a {@link MojoExecutionException} with a hint. */
  protected abstract void run() throws Exception;

  /** Notes what the goal works on now, so a failure's hint can speak about it. */
  protected final void workingOn(StoreRef store, boolean write) {
    this.currentHost = store.host();
    this.writing = write;
  }

  /** Parses a reference parameter; {@code oci:} paths are relative to the project directory. */
  protected final StoreRef store(String text, String parameter) {
    return StoreRef.parse(text, baseDir(), parameter);
  }

  /** The project's directory (the current directory when the goal runs without a POM). */
  protected final Path baseDir() {
    File dir = project.getBasedir();
    return (dir != null ? dir.toPath() : Path.of("")).toAbsolutePath();
  }

  /** Where goals stage scratch files: {@code target/berth}. */
  protected final Path workDir() {
    String build = project.getBuild() == null ? null : project.getBuild().getDirectory();
    return (build != null ? Path.of(build) : baseDir().resolve("target")).resolve("berth");
  }

  /**
   * The registry client, built on first use; it reports each finished blob and manifest as {@code verb}.
   */
  protected final RegistryClient client(String verb) {
    if (client == null) {
      RegistryClient.Builder b = RegistryClient.builder()
          .credentials(credentials())
          .insecure(insecure)
          .progressListener(new LogProgress(verb, line -> getLog().info(line)))
          .warningListener((host, text) -> getLog().warn(host + " says: " + printable(text)));
      if (plainHttp != null) {
        plainHttp.stream().map(String::trim).filter(h -> !h.isEmpty()).forEach(b::plainHttp);
      }
      if (caFile != null) {
        b.caFile(caFile.toPath());
      }
      try {
        client = b.build();
      } catch (UncheckedIOException e) {
        throw new IllegalArgumentException("<caFile> " + caFile + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
    return client;
  }

  /** settings.xml's server for the host first, then berth's usual sources. */
  protected final CredentialProvider credentials() {
    if (credentials == null) {
      List<Server> servers = settings == null ? List.of() : settings.getServers();
      credentials = CredentialProvider.chain(new SettingsCredentials(servers, this::decrypt),
          CredentialProvider.defaults());
    }
    return credentials;
  }

  /**
   * The annotations to push: {@code given}, plus {@code org.opencontainers.image.source} pointing at the
   * repository when the build runs in GitHub Actions (how ghcr.io links a package to its repository).
   */
  protected final Map<String, String> withSourceAnnotation(Map<String, String> given) {
    Map<String, String> out = new LinkedHashMap<>(given == null ? Map.of() : given);
    if (!out.containsKey(Annotations.SOURCE)) {
      Optional<String> source = Annotations.gitHubActionsSource(System.getenv());
      source.ifPresent(s -> {
        getLog().info("berth: linking to " + s + " (" + Annotations.SOURCE + ")");
        out.put(Annotations.SOURCE, s);
      });
    }
    return out;
  }

  /** Tells later goals and plugins what was published: {@code berth.<goal>.digest} and {@code .reference}. */
  protected final void publish(String goal, String reference, String digest) {
    getLog().info("berth: " + reference + "@" + digest);
    project.getProperties().setProperty("berth." + goal + ".digest", digest);
    project.getProperties().setProperty("berth." + goal + ".reference", reference);
  }

  private Server decrypt(Server server) {
    if (decrypter == null) {
      return server;
    }
    SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
    if (!result.getProblems().isEmpty()) {
      // The problem text names the server and the cause, never the password.
      throw new IllegalArgumentException("settings.xml server " + server.getId() + ": "
          + result.getProblems().get(0).getMessage());
    }
    return result.getServer();
  }

  private boolean anonymous(String host) {
    if (host == null) {
      return false;
    }
    try {
      return credentials().credentialFor(host).isAnonymous();
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static String printable(String text) {
    StringBuilder b = new StringBuilder();
    text.codePoints().limit(300).forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c));
    return b.toString();
  }
}
