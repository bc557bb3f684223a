package dev.berth.core.remote.internal;

import dev.berth.core.OciException;
import dev.berth.core.internal.WholeTransfer;
import dev.berth.core.remote.ProgressListener;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * What every endpoint class of one repository shares: the HTTP client, its URLs, the transfer settings
 * and the client-wide caches. Immutable and thread-safe.
 */
public final class RepositoryContext {
  private final OkHttpClient http;
  private final String host;
  private final Endpoints endpoints;
  private final TransferSettings settings;
  private final BlobPresence presence;
  private final ReferrersSupport referrersSupport;
  private final FallbackLocks fallbackLocks;
  /** Where this repository view reports transfers: the client's listener, plus an operation's if given. */
  private final Progress progress;

  public RepositoryContext(OkHttpClient http, String host, Endpoints endpoints, TransferSettings settings,
      BlobPresence presence, ReferrersSupport referrersSupport, FallbackLocks fallbackLocks) {
    this(http, host, endpoints, settings, presence, referrersSupport, fallbackLocks, settings.progress());
  }

  private RepositoryContext(OkHttpClient http, String host, Endpoints endpoints, TransferSettings settings,
      BlobPresence presence, ReferrersSupport referrersSupport, FallbackLocks fallbackLocks,
      ProgressListener listener) {
    this.progress = new Progress(listener, host + "/" + endpoints.name());
    this.http = http;
    this.host = host;
    this.endpoints = endpoints;
    this.settings = settings;
    this.presence = presence;
    this.referrersSupport = referrersSupport;
    this.fallbackLocks = fallbackLocks;
  }

  public String host() {
    return host;
  }

  public String name() {
    return endpoints.name();
  }

  public Endpoints endpoints() {
    return endpoints;
  }

  public TransferSettings settings() {
    return settings;
  }

  public BlobPresence presence() {
    return presence;
  }

  public ReferrersSupport referrersSupport() {
    return referrersSupport;
  }

  public FallbackLocks fallbackLocks() {
    return fallbackLocks;
  }

  /** Where transfers of this repository view are reported. */
  public Progress progress() {
    return progress;
  }

  /** The same repository (client, caches, locks) reporting transfers to {@code extra} as well. */
  public RepositoryContext withProgress(ProgressListener extra) {
    return new RepositoryContext(http, host, endpoints, settings, presence, referrersSupport, fallbackLocks,
        ProgressListener.both(progress.listener(), extra));
  }

  /**
   * A request for {@code url} tagged with the access it needs; inside a whole transfer that is retried
   * as a unit, also tagged to be tried once ({@link NoRequestRetry}).
   */
  public Request.Builder request(HttpUrl url, Access access) {
    Request.Builder b = access.tag(new Request.Builder().url(url));
    if (WholeTransfer.active()) {
      b.tag(NoRequestRetry.class, NoRequestRetry.INSTANCE);
    }
    return b;
  }

  /** Executes {@code request}; the caller closes the response. Auth failures become typed exceptions. */
  public Response execute(Request request) throws IOException {
    return AuthFailures.execute(http, request, host);
  }

  /** The typed exception for an unsuccessful {@code response}, which this closes. */
  public OciException failure(Response response, Access access, String subject) {
    return Failures.of(response, host, access, subject);
  }

  /** {@code host/name}, for messages. */
  public String where() {
    return host + "/" + endpoints.name();
  }
}
