package dev.berth.auth;

import dev.berth.auth.internal.EnvironmentCredentials;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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

  /**
   * Returns the credential for {@code host} with where it was found. Providers that know their
   * sources (the environment, docker and podman files, helpers, Helm's registry config) override this;
   * the default names this provider.
   */
  default FoundCredential find(String host) throws IOException {
    Credential c = Objects.requireNonNullElse(credentialFor(host), Credential.anonymous());
    return c.isAnonymous() ? FoundCredential.none() : new FoundCredential(c, "from the credentials given to berth");
  }

  /**
   * Returns a credential stored for {@code repository}'s namespace only (podman's {@code
   * ghcr.io/octo} keys; the longest matching key), or null when this provider has none. Such a
   * credential wins over the host's. Cheap: reads files, never runs a credential helper, so it can be
   * asked per repository while {@link #find(String)} is asked once per host.
   *
   * @param repository the repository name, e.g. {@code octo/app}
   */
  default @Nullable FoundCredential findForNamespace(String host, String repository) throws IOException {
    return null;
  }

  /** Returns {@code provider} reporting its credentials as coming {@code source} (e.g. "from -u"). */
  static CredentialProvider named(String source, CredentialProvider provider) {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(provider, "provider");
    return new CredentialProvider() {
      @Override
      public Credential credentialFor(String host) throws IOException {
        return provider.credentialFor(host);
      }

      @Override
      public FoundCredential find(String host) throws IOException {
        return renamed(provider.find(host));
      }

      @Override
      public @Nullable FoundCredential findForNamespace(String host, String repository) throws IOException {
        FoundCredential f = provider.findForNamespace(host, repository);
        return f == null ? null : renamed(f);
      }

      private FoundCredential renamed(FoundCredential f) {
        return f.isAnonymous() ? f : new FoundCredential(f.credential(), source);
      }

      @Override
      public String toString() {
        return "CredentialProvider[" + source + "]";
      }
    };
  }

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
    return new CredentialProvider() {
      @Override
      public Credential credentialFor(String host) throws IOException {
        return find(host).credential();
      }

      @Override
      public FoundCredential find(String host) throws IOException {
        for (CredentialProvider provider : copy) {
          FoundCredential found = provider.find(host);
          if (found != null && !found.isAnonymous()) {
            return found;
          }
        }
        return FoundCredential.none();
      }

      @Override
      public @Nullable FoundCredential findForNamespace(String host, String repository) throws IOException {
        for (CredentialProvider provider : copy) {
          FoundCredential found = provider.findForNamespace(host, repository);
          if (found != null && !found.isAnonymous()) {
            return found;
          }
        }
        return null;
      }

      @Override
      public String toString() {
        return "CredentialProvider.chain" + copy;
      }
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
   * Returns Helm's registry credentials, which {@code helm registry login} writes: {@code
   * $HELM_REGISTRY_CONFIG}, else {@code registry/config.json} in Helm's config directory ({@code
   * $HELM_CONFIG_HOME}, else {@code $XDG_CONFIG_HOME/helm}, else {@code ~/.config/helm}).
   */
  static CredentialProvider helmRegistryConfig(Map<String, String> environment) {
    return DockerConfig.helm(environment);
  }

  /**
   * Returns the chain users expect, explicit logins before ambient tokens: docker's {@link
   * #dockerConfig() config.json} (with its credential helpers), then podman's {@link #podmanAuth()
   * auth.json}, then Helm's {@link #helmRegistryConfig registry config}, and only then the {@link
   * #environment() environment}'s {@code GITHUB_TOKEN}, so a token stored by {@code docker login} or
   * {@code berth login} is not silently replaced by a workflow's {@code GITHUB_TOKEN}.
   */
  static CredentialProvider defaults() {
    return defaults(System.getenv());
  }

  /** Like {@link #defaults()}, reading the variables from {@code environment} instead of the process. */
  static CredentialProvider defaults(Map<String, String> environment) {
    return chain(DockerConfig.docker(environment), podmanAuth(environment), helmRegistryConfig(environment),
        environment(environment));
  }
}
