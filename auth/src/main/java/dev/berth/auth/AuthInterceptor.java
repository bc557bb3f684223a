package dev.berth.auth;

import dev.berth.auth.internal.Authenticator;
import dev.berth.auth.internal.TokenFetcher;
import java.io.IOException;
import java.time.Clock;
import java.util.Objects;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * An OkHttp application interceptor that authenticates requests to OCI registries the way docker and
 * oras do: HTTP Basic when a registry asks for Basic, and the docker token protocol when it asks for
 * Bearer.
 *
 * <pre>{@code
 * OkHttpClient base = new OkHttpClient();
 * OkHttpClient registryClient = base.newBuilder()
 *     .addInterceptor(AuthInterceptor.builder()
 *         .credentials(CredentialProvider.defaults())
 *         .tokenClient(base)
 *         .build())
 *     .build();
 * }</pre>
 *
 * <p>Tag each request with the {@link Scopes} it needs. Behaviour:
 *
 * <ul>
 *   <li>The first 401 from a registry teaches the interceptor that registry's challenge; from then on a
 *       request gets its token before it is sent, so requests with new scopes cost no extra 401 round
 *       trip. A request whose body is one-shot, to a registry not seen before, is preceded by a
 *       {@code GET /v2/} to learn the challenge, since that body could not be sent twice.
 *   <li>Tokens are cached per (registry, service, scopes), renewed shortly before they expire, and
 *       fetched once however many requests need the same one at the same time.
 *   <li>A 401 is answered once: after learning the challenge, or with a freshly fetched token when the
 *       cached one was refused. The request is retried only when its body can be sent again
 *       ({@code body == null || !body.isOneShot()}); otherwise the 401 is returned as is. A second 401 is
 *       returned as is, or thrown as an {@link AuthenticationException} with reason
 *       {@link AuthenticationException.Reason#DENIED} when the token lacks an action the request needs.
 *   <li>Credentials are attached only to registries that challenged (a redirect to another host gets
 *       none) and sent only to a token realm that is safe: https for an https registry, and no loopback,
 *       private or link-local address unless it is the registry's own host.
 *   <li>A request that already has an {@code Authorization} header, or is tagged {@link NoAuthentication}
 *       (a redirect to another host), is passed through untouched, its challenges unanswered.
 * </ul>
 *
 * <p>Instances are thread-safe and meant to be shared by all calls of a client. Nothing is logged, and no
 * secret appears in an exception message.
 */
public final class AuthInterceptor implements Interceptor {
  private final Authenticator authenticator;
  private final OkHttpClient tokenClient;

  private AuthInterceptor(Builder builder) {
    this.tokenClient = Objects.requireNonNull(builder.tokenClient, "build() sets the default");
    this.authenticator = new Authenticator(builder.credentials,
        new TokenFetcher(tokenClient, builder.clock), builder.clock);
  }

  /** The client tokens are fetched with; for tests that check it is shared. */
  OkHttpClient tokenClient() {
    return tokenClient;
  }

  /** Returns a builder with anonymous credentials, a default token client and the system clock. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Authenticates {@code chain}'s request as described in the class documentation.
   *
   * @throws AuthenticationException when credentials are refused, access is denied, a realm is refused
   *     or a credential helper fails
   */
  @Override
  public Response intercept(Chain chain) throws IOException {
    return authenticator.intercept(chain);
  }

  /** Configures an {@link AuthInterceptor}. */
  public static final class Builder {
    private CredentialProvider credentials = CredentialProvider.anonymous();
    private @Nullable OkHttpClient tokenClient;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** Where credentials come from; anonymous by default. Asked at most once per registry host. */
    public Builder credentials(CredentialProvider credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * The client that requests tokens from token endpoints. Pass the registry client's base client
     * (without this interceptor) so TLS settings, proxies and timeouts match.
     */
    public Builder tokenClient(OkHttpClient tokenClient) {
      this.tokenClient = Objects.requireNonNull(tokenClient, "tokenClient");
      return this;
    }

    /** The clock that token lifetimes are measured with; the system clock by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Returns an interceptor with these settings; {@link SharedHttpClient} fetches tokens if no client was set. */
    public AuthInterceptor build() {
      if (tokenClient == null) {
        tokenClient = SharedHttpClient.get();
      }
      return new AuthInterceptor(this);
    }
  }
}
