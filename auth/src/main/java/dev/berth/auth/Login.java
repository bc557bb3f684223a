package dev.berth.auth;

import dev.berth.auth.AuthenticationException.Reason;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * {@code docker login} and {@code docker logout}: check a credential against a registry, then keep it in a
 * credential file (or that file's credential helper) for later runs.
 *
 * <pre>{@code
 * Login login = Login.builder().build();          // docker's config.json, https
 * login.login("ghcr.io", Credential.basic("octocat", pat));
 * login.logout("ghcr.io");
 * }</pre>
 *
 * <p>A credential is verified with {@code GET /v2/} and the registry's own challenge: Basic registries get
 * it directly; token registries get it at their token endpoint, which is the only place some of them
 * (ghcr.io) accept it. A registry that does not challenge at all cannot refuse, so the credential is kept.
 * A program with its own registry client (retries, TLS settings, typed errors) can verify through it
 * instead with {@link Builder#verifier}; {@code berth login} does, pinging with berth's registry client.
 */
public final class Login {
  private final OkHttpClient client;
  private final DockerConfig config;
  private final Set<String> plainHttpHosts;
  private final Verifier verifier;

  /** Checks a credential against a registry; throws when the registry refuses it. */
  @FunctionalInterface
  public interface Verifier {
    /**
     * Checks that {@code host} accepts {@code credential}.
     *
     * @param host the registry host as {@link Login} normalised it ({@code host[:port]}, lower case)
     * @throws IOException when the registry refuses the credential or cannot be asked
     */
    void verify(String host, Credential credential) throws IOException;
  }

  private Login(Builder builder) {
    this.client = Objects.requireNonNull(builder.client, "build() sets the default");
    this.config = Objects.requireNonNull(builder.config, "build() sets the default");
    this.plainHttpHosts = Set.copyOf(builder.plainHttpHosts);
    this.verifier = builder.verifier != null ? builder.verifier : this::ping;
  }
  /** The client logins are checked with; for tests that check it is shared. */
  OkHttpClient client() {
    return client;
  }


  /** Returns a builder: docker's config.json from the process environment, https, a default client. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies {@code credential} against {@code registry}, then stores it.
   *
   * @param registry a registry host such as {@code ghcr.io} or {@code localhost:5000} (a leading scheme is
   *     ignored; {@code docker.io} means Docker Hub)
   * @throws AuthenticationException if the registry refuses the credential (nothing is stored then)
   * @throws IllegalArgumentException for the anonymous credential
   */
  public void login(String registry, Credential credential) throws IOException {
    String host = host(registry);
    verify(host, credential);
    config.store(host, credential);
  }

  /**
   * Checks that {@code registry} accepts {@code credential}, without storing anything, with the
   * {@linkplain Builder#verifier verifier} (by default {@code GET /v2/} through the registry's challenge).
   *
   * @throws AuthenticationException if the registry or its token endpoint refuses the credential (another
   *     verifier throws what it throws)
   * @throws IllegalArgumentException for the anonymous credential
   */
  public void verify(String registry, Credential credential) throws IOException {
    if (credential.isAnonymous()) {
      throw new IllegalArgumentException("nothing to log in with: the credential is anonymous");
    }
    verifier.verify(host(registry), credential);
  }

  /** The built-in check: {@code GET /v2/} with only {@code credential}, through the registry's challenge. */
  private void ping(String host, Credential credential) throws IOException {
    OkHttpClient verifying = client.newBuilder()
        .addInterceptor(AuthInterceptor.builder()
            .credentials(CredentialProvider.of(credential))
            .tokenClient(client)
            .build())
        .build();
    HttpUrl ping = HttpUrl.get((plainHttpHosts.contains(host) ? "http://" : "https://") + DockerHub.apiHost(host) + "/v2/");
    try (Response response = verifying.newCall(new Request.Builder().url(ping).build()).execute()) {
      if (response.code() == 401 || response.code() == 403) {
        throw new AuthenticationException(Reason.CREDENTIALS_REFUSED,
            "registry " + host + " refused the credentials (HTTP " + response.code() + ")");
      }
      if (!response.isSuccessful()) {
        throw new IOException("registry " + host + " answered HTTP " + response.code() + " to GET /v2/");
      }
    }
  }

  /**
   * Removes the stored credential for {@code registry}, through its credential helper when one is
   * configured.
   *
   * @return false if there was nothing to remove
   */
  public boolean logout(String registry) throws IOException {
    return config.erase(host(registry));
  }

  /** Returns the credential file this instance stores into. */
  public DockerConfig config() {
    return config;
  }

  private static String host(String registry) {
    String host = registry.trim();
    int scheme = host.indexOf("://");
    if (scheme >= 0) {
      host = host.substring(scheme + 3);
    }
    int slash = host.indexOf('/');
    if (slash >= 0) {
      host = host.substring(0, slash);
    }
    if (host.isEmpty()) {
      throw new IllegalArgumentException("no registry host in '" + registry + "'");
    }
    return host.toLowerCase(Locale.ROOT);
  }

  /** Configures a {@link Login}. */
  public static final class Builder {
    private @Nullable OkHttpClient client;
    private @Nullable DockerConfig config;
    private Set<String> plainHttpHosts = Set.of();
    private @Nullable Verifier verifier;

    private Builder() {}

    /**
     * How credentials are checked before they are stored; by default {@code GET /v2/} with this
     * builder's client, following the registry's challenge.
     */
    public Builder verifier(Verifier value) {
      this.verifier = Objects.requireNonNull(value, "verifier");
      return this;
    }

    /** The client to reach registries with (its TLS settings, proxy and timeouts); a default one otherwise. */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /** Where to store credentials; docker's config.json as the process environment locates it otherwise. */
    public Builder config(DockerConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** Registry hosts (as {@code host[:port]}) to reach over plain http instead of https. */
    public Builder plainHttp(String... hosts) {
      Set<String> lowered = new java.util.HashSet<>();
      for (String h : hosts) {
        lowered.add(h.toLowerCase(Locale.ROOT));
      }
      this.plainHttpHosts = lowered;
      return this;
    }

    /** Returns a {@link Login}, filling in a default client and docker's config.json where none was set. */
    public Login build() {
      if (client == null) {
        client = SharedHttpClient.get();
      }
      if (config == null) {
        config = DockerConfig.docker(System.getenv());
      }
      return new Login(this);
    }
  }
}
