package dev.berth.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.auth.internal.ConfigFile;
import dev.berth.auth.internal.ConfigLock;
import dev.berth.auth.internal.RegistryKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A credential file in docker's format: docker's {@code config.json} or podman's (containers')
 * {@code auth.json}, which share it.
 *
 * <pre>{@code
 * {
 *   "auths": {
 *     "ghcr.io": {"auth": "base64(user:password)"},
 *     "https://index.docker.io/v1/": {"auth": "...", "identitytoken": "..."}
 *   },
 *   "credsStore": "desktop",                  // helper for every host without a credHelpers entry
 *   "credHelpers": {"123.dkr.ecr.us-east-1.amazonaws.com": "ecr-login"}
 * }
 * }</pre>
 *
 * <p>A lookup asks the host's {@code credHelpers} helper, else the {@code credsStore} helper, and falls
 * back to the {@code auths} entry when the helper has nothing. Keys match with or without a scheme and
 * with a path; Docker Hub ({@code docker.io}, {@code registry-1.docker.io}) is found under {@code
 * https://index.docker.io/v1/}. The file is read on every lookup, so a login made meanwhile is seen; a
 * missing file means no credentials.
 *
 * <p>{@link #store} and {@link #erase} change one registry's entry and leave every other entry and field
 * as it was; the file is replaced atomically and written with mode 0600.
 */
public final class DockerConfig implements CredentialProvider {
  private final Path file;
  private final List<Path> helperSearchPath;
  private final Duration helperTimeout;

  private DockerConfig(Path file, List<Path> helperSearchPath, Duration helperTimeout) {
    this.file = file;
    this.helperSearchPath = helperSearchPath;
    this.helperTimeout = helperTimeout;
  }

  /** Returns the file at {@code file}, with credential helpers looked up on the process's {@code PATH}. */
  public static DockerConfig at(Path file) {
    return new DockerConfig(Objects.requireNonNull(file, "file"),
        CredentialHelper.searchPath(System.getenv()), CredentialHelper.DEFAULT_TIMEOUT);
  }

  /**
   * Returns docker's file as {@code environment} locates it: {@code $DOCKER_CONFIG/config.json}, else
   * {@code $HOME/.docker/config.json}; credential helpers are looked up on its {@code PATH}.
   */
  public static DockerConfig docker(Map<String, String> environment) {
    String dir = environment.get("DOCKER_CONFIG");
    Path file = dir != null && !dir.isBlank()
        ? Path.of(dir, "config.json")
        : home(environment).resolve(".docker").resolve("config.json");
    return at(file).withHelperSearchPath(CredentialHelper.searchPath(environment));
  }

  /**
   * Returns the file {@code podman login} writes as {@code environment} locates it: {@code
   * $REGISTRY_AUTH_FILE}, else {@code $XDG_RUNTIME_DIR/containers/auth.json}, else
   * {@code $HOME/.config/containers/auth.json}.
   */
  public static DockerConfig podman(Map<String, String> environment) {
    return podmanReadOrder(environment).get(0);
  }

  /**
   * Returns Helm's registry config as {@code environment} locates it, as Helm does: {@code
   * $HELM_REGISTRY_CONFIG}, else {@code registry/config.json} under {@code $HELM_CONFIG_HOME}, else
   * under {@code $XDG_CONFIG_HOME/helm}, else under {@code ~/.config/helm}. It has docker's format.
   */
  public static DockerConfig helm(Map<String, String> environment) {
    String explicit = environment.get("HELM_REGISTRY_CONFIG");
    Path file;
    if (explicit != null && !explicit.isBlank()) {
      file = Path.of(explicit);
    } else {
      String helmHome = environment.get("HELM_CONFIG_HOME");
      String xdg = environment.get("XDG_CONFIG_HOME");
      Path dir = helmHome != null && !helmHome.isBlank() ? Path.of(helmHome)
          : xdg != null && !xdg.isBlank() ? Path.of(xdg, "helm")
          : home(environment).resolve(".config").resolve("helm");
      file = dir.resolve("registry").resolve("config.json");
    }
    return at(file).withHelperSearchPath(CredentialHelper.searchPath(environment));
  }

  /** Podman's files in the order podman reads them. */
  static List<DockerConfig> podmanReadOrder(Map<String, String> environment) {
    List<Path> files = new ArrayList<>();
    String authFile = environment.get("REGISTRY_AUTH_FILE");
    if (authFile != null && !authFile.isBlank()) {
      files.add(Path.of(authFile));
    } else {
      String runtimeDir = environment.get("XDG_RUNTIME_DIR");
      if (runtimeDir != null && !runtimeDir.isBlank()) {
        files.add(Path.of(runtimeDir, "containers", "auth.json"));
      }
      files.add(home(environment).resolve(".config").resolve("containers").resolve("auth.json"));
    }
    List<Path> searchPath = CredentialHelper.searchPath(environment);
    List<DockerConfig> configs = new ArrayList<>();
    for (Path f : files) {
      configs.add(at(f).withHelperSearchPath(searchPath));
    }
    return configs;
  }

  /** Returns this file with credential helpers looked up in {@code searchPath} instead. */
  public DockerConfig withHelperSearchPath(List<Path> searchPath) {
    return new DockerConfig(file, List.copyOf(searchPath), helperTimeout);
  }

  /** Returns this file with another timeout for each credential helper run. */
  public DockerConfig withHelperTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return new DockerConfig(file, helperSearchPath, timeout);
  }

  /** Returns the file's path. */
  public Path file() {
    return file;
  }

  /**
   * Returns the credential stored for {@code host}, or {@link Credential#anonymous()}.
   *
   * @throws IOException if the file cannot be read or is malformed, or the host's credential helper fails
   */
  @Override
  public Credential credentialFor(String host) throws IOException {
    return find(host).credential();
  }

  /**
   * Returns the credential stored for {@code host} with where it was found: {@code "from
   * ~/.docker/config.json"}, or {@code "... via docker-credential-NAME"} when a helper answered.
   */
  @Override
  public FoundCredential find(String host) throws IOException {
    ObjectNode root = ConfigFile.read(file);
    CredentialHelper helper = helperFor(root, host);
    if (helper != null) {
      Credential fromHelper = helper.credentialFor(RegistryKeys.keyFor(host));
      if (!fromHelper.isAnonymous()) {
        return new FoundCredential(fromHelper, "from " + displayPath() + " via docker-credential-" + helper.name());
      }
    }
    JsonNode auths = root.path("auths");
    String key = RegistryKeys.find(auths.fieldNames(), host);
    Credential c = key == null ? Credential.anonymous() : decode(auths.get(key), host);
    return c.isAnonymous() ? FoundCredential.none() : new FoundCredential(c, "from " + displayPath());
  }

  /**
   * The {@code auths} entry for a namespace ({@code ghcr.io/octo}, as podman writes them) that contains
   * {@code repository}, the longest such key; null when there is none.
   */
  @Override
  public @Nullable FoundCredential findForNamespace(String host, String repository) throws IOException {
    if (repository == null || repository.isEmpty()) {
      return null;
    }
    JsonNode auths = ConfigFile.read(file).path("auths");
    String key = RegistryKeys.findNamespaced(auths.fieldNames(), host, repository);
    if (key == null) {
      return null;
    }
    Credential c = decode(auths.get(key), host);
    return c.isAnonymous() ? null : new FoundCredential(c, "from " + displayPath() + " (its " + key + " entry)");
  }

  /** The file's path with the home directory written as {@code ~}, as users know it. */
  private String displayPath() {
    String home = System.getProperty("user.home");
    String path = file.toAbsolutePath().toString();
    return home != null && !home.isEmpty() && path.startsWith(home + java.io.File.separator)
        ? "~" + path.substring(home.length()) : path;
  }

  /**
   * Saves {@code credential} for {@code host}: through the host's credential helper when one is
   * configured, otherwise in the {@code auths} entry (an existing entry for the host is replaced under its
   * existing key).
   *
   * @throws IllegalArgumentException for the anonymous credential
   */
  public void store(String host, Credential credential) throws IOException {
    if (credential.isAnonymous()) {
      throw new IllegalArgumentException("nothing to store for an anonymous credential");
    }
    // Read, change and write under a lock other threads and processes honour, so logins at once all stay.
    ConfigLock.run(file, () -> storeLocked(host, credential));
  }

  private void storeLocked(String host, Credential credential) throws IOException {
    ObjectNode root = ConfigFile.read(file);
    ObjectNode auths = root.get("auths") instanceof ObjectNode existingAuths
        ? existingAuths : root.putObject("auths");
    String key = Objects.requireNonNullElse(RegistryKeys.find(auths.fieldNames(), host), RegistryKeys.keyFor(host));
    ObjectNode entry = auths.get(key) instanceof ObjectNode existing ? existing : auths.putObject(key);
    entry.remove(List.of("auth", "username", "password", "identitytoken", "registrytoken"));
    CredentialHelper helper = helperFor(root, host);
    if (helper != null) {
      helper.store(RegistryKeys.keyFor(host), credential);
      // Docker leaves an empty entry, so the file still lists every registry logged in to.
    } else if (credential instanceof Credential.UsernamePassword user) {
      entry.put("auth", base64(user.username() + ":" + user.password()));
    } else if (credential instanceof Credential.IdentityToken identity) {
      entry.put("auth", base64(identity.username() + ":"));
      entry.put("identitytoken", identity.token());
    } else if (credential instanceof Credential.AccessToken access) {
      entry.put("registrytoken", access.token());
    }
    ConfigFile.write(file, root);
  }

  /**
   * Removes the credentials for {@code host}: from its credential helper when one is configured, and
   * every {@code auths} entry that names the host.
   *
   * @return true if something was removed (a helper's erase counts as removal)
   */
  public boolean erase(String host) throws IOException {
    return ConfigLock.with(file, () -> eraseLocked(host));
  }

  private boolean eraseLocked(String host) throws IOException {
    ObjectNode root = ConfigFile.read(file);
    CredentialHelper helper = helperFor(root, host);
    if (helper != null) {
      helper.erase(RegistryKeys.keyFor(host));
    }
    boolean removed = false;
    if (root.get("auths") instanceof ObjectNode auths) {
      for (String key; (key = RegistryKeys.find(auths.fieldNames(), host)) != null; ) {
        auths.remove(key);
        removed = true;
      }
    }
    if (removed) {
      ConfigFile.write(file, root);
    }
    return removed || helper != null;
  }

  @Override
  public String toString() {
    return "DockerConfig[" + file + "]";
  }

  /** The host's credHelpers entry, else credsStore, else null. */
  private @Nullable CredentialHelper helperFor(ObjectNode root, String host) {
    JsonNode helpers = root.path("credHelpers");
    String key = RegistryKeys.find(helpers.fieldNames(), host);
    String name = key != null ? helpers.get(key).asText("") : root.path("credsStore").asText("");
    return name.isEmpty() ? null : CredentialHelper.named(name, helperSearchPath).withTimeout(helperTimeout);
  }

  private Credential decode(JsonNode entry, String host) throws IOException {
    String username = "";
    String password = "";
    String auth = entry.path("auth").asText("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new IOException(file + ": the auth field for " + host + " is not base64");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw new IOException(file + ": the auth field for " + host + " is not base64 of user:password");
      }
      username = decoded.substring(0, colon);
      password = decoded.substring(colon + 1);
    } else {
      username = entry.path("username").asText("");
      password = entry.path("password").asText("");
    }
    String identityToken = entry.path("identitytoken").asText("");
    if (!identityToken.isEmpty()) {
      return new Credential.IdentityToken(username, identityToken);
    }
    String registryToken = entry.path("registrytoken").asText("");
    if (!registryToken.isEmpty()) {
      return Credential.accessToken(registryToken);
    }
    if (username.isEmpty() && password.isEmpty()) {
      return Credential.anonymous();
    }
    return Credential.basic(username, password);
  }

  private static Path home(Map<String, String> environment) {
    String home = environment.get("HOME");
    return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"));
  }

  private static String base64(String s) {
    return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
