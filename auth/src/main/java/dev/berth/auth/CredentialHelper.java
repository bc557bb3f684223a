package dev.berth.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.AuthenticationException.Reason;
import dev.berth.auth.internal.HelperProcess;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A docker credential helper: the program {@code docker-credential-NAME} (for example {@code
 * docker-credential-pass}, {@code -osxkeychain}, {@code -ecr-login}, {@code -gcloud}) that stores
 * registry credentials outside config.json.
 *
 * <p>The protocol: the program is run with one argument, {@code get}, {@code store} or {@code erase}.
 * {@code get} reads a server URL on stdin and prints {@code {"ServerURL","Username","Secret"}}; a user name
 * of {@code <token>} marks the secret as an identity token. {@code store} reads that JSON; {@code erase}
 * reads a server URL.
 *
 * <p>The program is looked up in an explicit list of directories (see {@link #searchPath(Map)}), never
 * through a shell, and every run is bounded by a timeout (30 seconds unless {@link #withTimeout changed}).
 */
public final class CredentialHelper implements CredentialProvider {
  /** How long a helper may run: long enough for one that prompts a keychain unlock or calls a cloud API. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final String PREFIX = "docker-credential-";
  /** A helper name comes from a config file; it must not be able to name a path to another program. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
  private static final String IDENTITY_TOKEN_USER = "<token>";
  /** Only {@code store} writes JSON; reading uses {@link JsonTrees}, so a lookup makes no ObjectMapper. */
  private static final class Writer {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  private final String name;
  private final List<Path> searchPath;
  private final Duration timeout;

  private CredentialHelper(String name, List<Path> searchPath, Duration timeout) {
    this.name = name;
    this.searchPath = searchPath;
    this.timeout = timeout;
  }

  /**
   * Returns the helper {@code docker-credential-NAME}, to be found in {@code searchPath}.
   *
   * @throws IllegalArgumentException if the name is not a plain program-name suffix
   */
  public static CredentialHelper named(String name, List<Path> searchPath) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a credential helper name: '" + name + "'");
    }
    return new CredentialHelper(name, List.copyOf(searchPath), DEFAULT_TIMEOUT);
  }

  /** Returns the directories of {@code environment}'s {@code PATH}, in order. */
  public static List<Path> searchPath(Map<String, String> environment) {
    String path = environment.getOrDefault("PATH", "");
    List<Path> dirs = new ArrayList<>();
    for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
      if (!dir.isEmpty()) {
        dirs.add(Path.of(dir));
      }
    }
    return List.copyOf(dirs);
  }

  /** Returns this helper with another timeout per run. */
  public CredentialHelper withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new CredentialHelper(name, searchPath, timeout);
  }

  /** Returns the helper's name, the part after {@code docker-credential-}. */
  public String name() {
    return name;
  }

  /**
   * Runs {@code get} for {@code serverUrl} (a registry host, or {@code https://index.docker.io/v1/} for
   * Docker Hub). A helper that has no credentials for it gives {@link Credential#anonymous()}.
   *
   * @throws AuthenticationException with {@link Reason#HELPER_FAILED} if the helper is missing, times
   *     out, fails or prints something that is not its JSON answer
   */
  @Override
  public FoundCredential find(String serverUrl) throws IOException {
    Credential c = credentialFor(serverUrl);
    return c.isAnonymous() ? FoundCredential.none() : new FoundCredential(c, "from " + displayName());
  }

  @Override
  public Credential credentialFor(String serverUrl) throws IOException {
    HelperProcess.Result result = run("get", serverUrl);
    if (!result.succeeded()) {
      if (isNotFound(result)) {
        return Credential.anonymous();
      }
      throw failed("get", result);
    }
    JsonNode answer;
    try {
      answer = JsonTrees.parse(result.stdout().getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      answer = null;
    }
    if (answer == null || !answer.isObject()) {
      throw new AuthenticationException(Reason.HELPER_FAILED,
          displayName() + " get printed something that is not a JSON object");
    }
    String username = answer.path("Username").asText("");
    String secret = answer.path("Secret").asText("");
    if (secret.isEmpty()) {
      return Credential.anonymous();
    }
    return IDENTITY_TOKEN_USER.equals(username)
        ? Credential.identityToken(secret)
        : Credential.basic(username, secret);
  }

  /**
   * Runs {@code store} to save {@code credential} for {@code serverUrl}. An identity token is stored with
   * the user name {@code <token>}, as docker does.
   *
   * @throws IllegalArgumentException for an anonymous or access-token credential, which helpers cannot hold
   * @throws AuthenticationException with {@link Reason#HELPER_FAILED} if the helper fails
   */
  public void store(String serverUrl, Credential credential) throws IOException {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("ServerURL", serverUrl);
    String secret;
    if (credential instanceof Credential.UsernamePassword user) {
      secret = user.password();
      input.put("Username", user.username()).put("Secret", secret);
    } else if (credential instanceof Credential.IdentityToken identity) {
      secret = identity.token();
      input.put("Username", IDENTITY_TOKEN_USER).put("Secret", secret);
    } else {
      throw new IllegalArgumentException("a credential helper cannot store " + credential);
    }
    HelperProcess.Result result = run("store", Writer.JSON.writeValueAsString(input));
    if (!result.succeeded()) {
      throw failed("store", result, secret);
    }
  }

  /**
   * Runs {@code erase} for {@code serverUrl}. Erasing credentials the helper does not have is not an error.
   *
   * @throws AuthenticationException with {@link Reason#HELPER_FAILED} if the helper fails
   */
  public void erase(String serverUrl) throws IOException {
    HelperProcess.Result result = run("erase", serverUrl);
    if (!result.succeeded() && !isNotFound(result)) {
      throw failed("erase", result);
    }
  }

  @Override
  public String toString() {
    return "CredentialHelper[" + displayName() + "]";
  }

  private HelperProcess.Result run(String action, String input) throws IOException {
    return HelperProcess.run(executable(), action, input, timeout, displayName());
  }

  private Path executable() throws AuthenticationException {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    List<String> names = windows
        ? List.of(displayName() + ".exe", displayName() + ".cmd", displayName() + ".bat", displayName())
        : List.of(displayName());
    for (Path dir : searchPath) {
      for (String file : names) {
        Path candidate = dir.resolve(file);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return candidate;
        }
      }
    }
    throw new AuthenticationException(Reason.HELPER_FAILED, "credential helper " + displayName()
        + " is not installed: no executable of that name in " + searchPath.size()
        + " search path director" + (searchPath.size() == 1 ? "y" : "ies"));
  }

  private String displayName() {
    return PREFIX + name;
  }

  /** Helpers report a missing entry by failing with this text, as docker's helper library defines it. */
  private static boolean isNotFound(HelperProcess.Result result) {
    String out = (result.stdout() + "\n" + result.stderr()).toLowerCase(Locale.ROOT);
    return out.contains("credentials not found");
  }

  private AuthenticationException failed(String action, HelperProcess.Result result) {
    return failed(action, result, null);
  }

  /**
   * A failure naming the helper's first line of output, which is how helpers explain themselves. That
   * line is withheld when it may carry a secret: when it holds {@code secret} (a helper that echoes its
   * {@code store} input) or looks like a credential answer (a helper that printed its {@code get}
   * answer and still failed).
   */
  private AuthenticationException failed(String action, HelperProcess.Result result, @Nullable String secret) {
    String summary = result.summary();
    String output = result.stdout() + "\n" + result.stderr(); // whole, since the summary may cut a secret in two
    if ((secret != null && !secret.isEmpty() && output.contains(secret))
        || output.toLowerCase(Locale.ROOT).contains("\"secret\"")) {
      summary = "(output withheld: it may contain the secret)";
    }
    return new AuthenticationException(Reason.HELPER_FAILED, displayName() + " " + action
        + " failed with exit code " + result.exitCode() + (summary.isEmpty() ? "" : ": " + summary));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof CredentialHelper other && name.equals(other.name)
        && searchPath.equals(other.searchPath) && timeout.equals(other.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, searchPath, timeout);
  }
}
