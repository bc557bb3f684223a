package dev.berth.auth;

import dev.berth.auth.internal.EnvironmentCredentials;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Finds the credential to present to a registry host.
 *
 * <p>The host is written as in an image reference: a host name or address, with {@code :port} when the
 * port is not the scheme's default (for example {@code ghcr.io} or {@code localhost:5000}). A provider that
 * has nothing for a host returns {@link Credential#anonymous()}; that is not an error. Providers compose
 * with {@link #chain}, where the first non-anonymous answer wins, which is how {@link #defaults()} is
 * built.
 */
@FunctionalInterface
public interface CredentialProvider {

  /**
   * Returns the credential for {@code host}, or {@link Credential#anonymous()} when there is none.
   *
   * @throws IOException if a credential store could not be read or a credential helper failed (then an
   *     {@link AuthenticationException} with {@link AuthenticationException.Reason#HELPER_FAILED})
   */
  Credential credentialFor(String host) throws IOException;

  /** Returns a provider that answers nothing for every host. */
  static CredentialProvider anonymous() {
    return host -> Credential.anonymous();
  }

  /** Returns a provider that answers {@code credential} for every host. */
  static CredentialProvider of(Credential credential) {
    Objects.requireNonNull(credential, "credential");
    return host -> credential;
  }

  /** Returns a provider that answers {@code credential} for {@code host} only (case-insensitive). */
  static CredentialProvider forHost(String host, Credential credential) {
    Objects.requireNonNull(credential, "credential");
    String wanted = host.toLowerCase(Locale.ROOT);
    return asked -> asked.toLowerCase(Locale.ROOT).equals(wanted) ? credential : Credential.anonymous();
  }

  /** Returns a provider that asks each of {@code providers} in order and returns the first non-anonymous answer. */
  static CredentialProvider chain(CredentialProvider... providers) {
    return chain(List.of(providers));
  }

  /** Returns a provider that asks each of {@code providers} in order and returns the first non-anonymous answer. */
  static CredentialProvider chain(List<CredentialProvider> providers) {
    List<CredentialProvider> copy = List.copyOf(providers);
    return host -> {
      for (CredentialProvider provider : copy) {
        Credential credential = provider.credentialFor(host);
        if (credential != null && !credential.isAnonymous()) {
          return credential;
        }
      }
      return Credential.anonymous();
    };
  }

  /**
   * Returns credentials taken from the process environment: {@code GITHUB_ACTOR} and {@code GITHUB_TOKEN}
   * for {@code ghcr.io}, as a GitHub Actions job has them.
   */
  static CredentialProvider environment() {
    return environment(System.getenv());
  }

  /** Like {@link #environment()}, reading the variables from {@code environment} instead of the process. */
  static CredentialProvider environment(Map<String, String> environment) {
    return new EnvironmentCredentials(environment);
  }

  /**
   * Returns docker's credentials: {@code $DOCKER_CONFIG/config.json} or {@code ~/.docker/config.json},
   * with its credential helpers found on {@code $PATH}. See {@link DockerConfig}.
   */
  static CredentialProvider dockerConfig() {
    return DockerConfig.docker(System.getenv());
  }

  /**
   * Returns podman's (containers') credentials: {@code $REGISTRY_AUTH_FILE} when set, otherwise
   * {@code $XDG_RUNTIME_DIR/containers/auth.json} then {@code ~/.config/containers/auth.json}.
   */
  static CredentialProvider podmanAuth() {
    return podmanAuth(System.getenv());
  }

  /** Like {@link #podmanAuth()}, reading the variables from {@code environment} instead of the process. */
  static CredentialProvider podmanAuth(Map<String, String> environment) {
    return chain(List.copyOf(DockerConfig.podmanReadOrder(environment)));
  }

  /**
   * Returns the chain users expect: the {@link #environment() environment}, then docker's
   * {@link #dockerConfig() config.json}, then podman's {@link #podmanAuth() auth.json}.
   */
  static CredentialProvider defaults() {
    return defaults(System.getenv());
  }

  /** Like {@link #defaults()}, reading the variables from {@code environment} instead of the process. */
  static CredentialProvider defaults(Map<String, String> environment) {
    return chain(environment(environment), DockerConfig.docker(environment), podmanAuth(environment));
  }
}
