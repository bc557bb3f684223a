package dev.berth.core.remote;

import dev.berth.auth.AuthInterceptor;
import dev.berth.auth.SharedHttpClient;
import dev.berth.core.remote.internal.DeadlineInterceptor;
import dev.berth.core.remote.internal.RedirectInterceptor;
import dev.berth.core.remote.internal.RetryAfterGuard;
import dev.berth.core.remote.internal.RetryInterceptor;
import dev.berth.core.remote.internal.SentSecrets;
import dev.berth.core.remote.internal.TlsSetup;
import dev.berth.core.remote.internal.UserAgentInterceptor;
import dev.berth.core.remote.internal.WarningInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The OkHttp client a {@link RegistryClient} sends through, built from its settings: the connection
 * level (pool, TLS trust, proxy, timeouts) and the interceptors in the order the class Javadoc of
 * {@link RegistryClient} gives.
 */
final class ClientPipeline {
  /** Shared by clients built without a base, so they share one connection pool and its threads. */
  private static final class DefaultBase {
    static final OkHttpClient INSTANCE = SharedHttpClient.get();
  }

  private ClientPipeline() {}

  /** The client for {@code s}: interceptors in order over the connection level; the token client skips them. */
  static OkHttpClient build(RegistryClient.Builder s, SentSecrets sentSecrets) {
    OkHttpClient transport = buildTransport(s);
    OkHttpClient tokenClient = transport.newBuilder().addInterceptor(sentSecrets).build();
    OkHttpClient.Builder b = transport.newBuilder();
    if (s.deadline != null) {
      b.addInterceptor(new DeadlineInterceptor(s.deadline, Clock.systemUTC())); // outermost: one deadline for all
    }
    b.addInterceptor(new RedirectInterceptor());
    b.addInterceptor(new RetryInterceptor(s.retryPolicy, Clock.systemUTC(), s.deadline));
    // The token client shares TLS, proxy and timeouts but not these interceptors: token requests are
    // not registry requests (no scopes, no registry redirects).
    b.addInterceptor(AuthInterceptor.builder().credentials(s.credentials).tokenClient(tokenClient).build());
    b.addInterceptor(new UserAgentInterceptor(s.userAgent));
    b.addInterceptor(new WarningInterceptor(s.warningListener));
    s.interceptors.forEach(b::addInterceptor);
    // Innermost, so it sees the credentials auth and the caller's interceptors added.
    b.addInterceptor(sentSecrets);
    b.addNetworkInterceptor(new RetryAfterGuard()); // first, so it sees the answer last, just before OkHttp
    s.networkInterceptors.forEach(b::addNetworkInterceptor);
    return b.build();
  }

  /** The connection level: pool, TLS trust, proxy, timeouts; no redirects followed by OkHttp. */
  private static OkHttpClient buildTransport(RegistryClient.Builder s) {
    OkHttpClient.Builder b = (s.base != null ? s.base : DefaultBase.INSTANCE).newBuilder()
        .followRedirects(false)
        .followSslRedirects(false)
        .connectTimeout(s.connectTimeout)
        .readTimeout(s.readTimeout)
        .writeTimeout(s.readTimeout);
    if (s.base == null && s.concurrency > 5) {
      // OkHttp keeps 5 idle connections by default; parallel transfers want one per worker and a spare.
      // Kept in the settings so that clients made with newBuilder() share it.
      if (s.pool == null) {
        s.pool = new ConnectionPool(s.concurrency * 2, 5, TimeUnit.MINUTES);
      }
      b.connectionPool(s.pool);
    }
    if (s.proxy != null) {
      b.proxy(s.proxy);
    }
    if (s.insecure) {
      TlsSetup.trustEverything(b);
    } else if (s.caFile != null) {
      try {
        TlsSetup.trustAlso(b, s.caFile);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return b.build();
  }
}
