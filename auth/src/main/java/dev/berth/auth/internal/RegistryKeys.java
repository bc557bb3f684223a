package dev.berth.auth.internal;

import dev.berth.auth.DockerHub;
import java.util.Iterator;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * How credential stores name registries. Docker writes keys as bare hosts ({@code ghcr.io}), with a
 * scheme ({@code https://ghcr.io}) or with a path (Docker Hub's historical {@code
 * https://index.docker.io/v1/}); podman also accepts {@code host/namespace} keys that apply to one
 * namespace only, which a lookup by host alone must not pick.
 */
public final class RegistryKeys {

  private RegistryKeys() {}

  /** Returns the key to write for {@code host}, and the server URL to give a credential helper. */
  public static String keyFor(String host) {
    return DockerHub.isDockerHub(host) ? DockerHub.CREDENTIAL_KEY : host.toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the key among {@code keys} for {@code host}: an exact match first, then a key that names the
   * same host with a scheme or path; null when none does.
   */
  public static @Nullable String find(Iterator<String> keys, String host) {
    String wanted = canonicalHost(host);
    String match = null;
    while (keys.hasNext()) {
      String key = keys.next();
      if (key.equals(host)) {
        return key;
      }
      if (match == null && wanted.equals(hostOf(key))) {
        match = key;
      }
    }
    return match;
  }

  /**
   * Returns the namespace-scoped key (podman's {@code host/namespace[/...]}, no scheme) among {@code
   * keys} that contains {@code repository} on {@code host}, the longest when several do; null when none.
   */
  public static @Nullable String findNamespaced(Iterator<String> keys, String host, String repository) {
    String wanted = canonicalHost(host) + "/" + repository.toLowerCase(Locale.ROOT);
    String best = null;
    while (keys.hasNext()) {
      String key = keys.next();
      String k = key.trim().toLowerCase(Locale.ROOT);
      int slash = k.indexOf('/');
      if (k.contains("://") || slash <= 0 || k.endsWith("/") || hostOf(key) != null) {
        continue;
      }
      String normalised = canonicalHost(k.substring(0, slash)) + k.substring(slash);
      if ((wanted.equals(normalised) || wanted.startsWith(normalised + "/"))
          && (best == null || key.length() > best.length())) {
        best = key;
      }
    }
    return best;
  }

  /** Returns the host a key names, canonicalised, or null for a namespace-scoped (podman) key. */
  static @Nullable String hostOf(String key) {
    String k = key.trim().toLowerCase(Locale.ROOT);
    boolean hadScheme = k.startsWith("https://") || k.startsWith("http://");
    if (hadScheme) {
      k = k.substring(k.indexOf("//") + 2);
    }
    int slash = k.indexOf('/');
    if (slash >= 0) {
      String path = k.substring(slash);
      if (!hadScheme && !path.equals("/") && !path.startsWith("/v1/") && !path.startsWith("/v2/")
          && !path.equals("/v1") && !path.equals("/v2")) {
        return null;
      }
      k = k.substring(0, slash);
    }
    return canonicalHost(k);
  }

  private static String canonicalHost(String host) {
    return DockerHub.isDockerHub(host) ? DockerHub.NAME : host.toLowerCase(Locale.ROOT);
  }
}
