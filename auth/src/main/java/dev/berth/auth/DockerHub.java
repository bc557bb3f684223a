package dev.berth.auth;

import java.util.Locale;
import java.util.Set;

/**
 * Docker Hub's names, defined once for every module: the name references and logins use, the legacy
 * name docker still accepts, the host that actually serves the registry API, and the key docker writes
 * Docker Hub's credentials under.
 */
public final class DockerHub {
  /** Docker Hub's canonical name in references and logins. */
  public static final String NAME = "docker.io";
  /** The legacy name, normalised to {@link #NAME}. */
  public static final String LEGACY_NAME = "index.docker.io";
  /** The host that serves Docker Hub's registry API ({@code /v2/}). */
  public static final String API_HOST = "registry-1.docker.io";
  /** The key docker uses for Docker Hub in config.json, and the server URL it gives credential helpers. */
  public static final String CREDENTIAL_KEY = "https://index.docker.io/v1/";

  /** Every host name that means Docker Hub, as credential stores may have written it. */
  private static final Set<String> HOSTS = Set.of(NAME, LEGACY_NAME, API_HOST, "registry.hub.docker.com");

  private DockerHub() {}

  /** Whether {@code host} (any case, no scheme or port) is one of Docker Hub's names. */
  public static boolean isDockerHub(String host) {
    return HOSTS.contains(host.toLowerCase(Locale.ROOT));
  }

  /**
   * The host to send registry API requests for {@code registry} to: {@link #API_HOST} for {@link #NAME}
   * and {@link #LEGACY_NAME}, else {@code registry} itself.
   */
  public static String apiHost(String registry) {
    String lower = registry.toLowerCase(Locale.ROOT);
    return lower.equals(NAME) || lower.equals(LEGACY_NAME) ? API_HOST : registry;
  }
}
