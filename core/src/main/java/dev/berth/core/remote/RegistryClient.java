package dev.berth.core.remote;

import dev.berth.auth.CredentialProvider;
import dev.berth.auth.DockerHub;
import dev.berth.core.Reference;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.remote.internal.BlobPresence;
import dev.berth.core.remote.internal.Endpoints;
import dev.berth.core.remote.internal.FallbackLocks;
import dev.berth.core.remote.internal.ListLimits;
import dev.berth.core.remote.internal.OkHttpVersionCheck;
import dev.berth.core.remote.internal.RecentManifests;
import dev.berth.core.remote.internal.ReferrersSupport;
import dev.berth.core.remote.internal.RepositoryContext;
import dev.berth.core.remote.internal.SentSecrets;
import dev.berth.core.remote.internal.TransferSettings;
import java.io.UncheckedIOException;
import java.net.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * The entry point to remote registries: one immutable, thread-safe client holding one OkHttp client
 * (connection pool, TLS setup, interceptors) that every {@link Repository} and {@link Registry} it hands
 * out shares. Build one per application and reuse it:
 *
 * <pre>{@code
 * RegistryClient client = RegistryClient.builder()
 *     .plainHttp("localhost:5000")
 *     .build();
 * Repository repo = client.repository("localhost:5000/team/app");
 * Descriptor manifest = repo.resolve("v1.0");
 * }</pre>
 *
 * <p>Requests pass through, outermost first: redirect following (berth's own, so that credentials
 * never follow a redirect to another host), retries ({@link RetryPolicy}), authentication, the
 * {@code User-Agent}, {@code Warning} reporting, then any interceptors added with {@link
 * Builder#addInterceptor}, which therefore see every attempt with the headers auth added: a logging
 * interceptor must redact them with {@link Redaction}.
 */
public final class RegistryClient {
  /** The default cap on one listing's entries, all pages together: far beyond any real repository. */
  public static final long DEFAULT_MAX_LIST_ENTRIES = 1_000_000;
  /** The default cap on one listing's response bytes, all pages together (64 MiB). */
  public static final long DEFAULT_MAX_LIST_BYTES = 64L * 1024 * 1024;

  private final Builder settings;
  private final OkHttpClient http;
  private final TransferSettings transfer;
  private final BlobPresence presence = new BlobPresence();
  private final ReferrersSupport referrersSupport = new ReferrersSupport();
  private final RecentManifests recentManifests = new RecentManifests();
  private final FallbackLocks fallbackLocks = new FallbackLocks();
  private final SentSecrets sentSecrets = new SentSecrets();

  private RegistryClient(Builder b) {
    this.settings = b.copy();
    this.http = ClientPipeline.build(settings, sentSecrets);
    this.transfer = new TransferSettings(b.chunkedUploads, b.chunkSize, b.maxManifestBytes, b.progressListener,
        b.maxResumes, b.concurrency, b.retryPolicy, new ListLimits(b.maxListEntries, b.maxListBytes));
  }

  /** A client with default settings: https everywhere, the JDK's trusted roots, no credentials. */
  public static RegistryClient create() {
    return builder().build();
  }

  /** A builder starting from the default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this client's settings; clients built from it share its connection pool. */
  public Builder newBuilder() {
    return settings.copy();
  }

  /**
   * The repository a reference names, e.g. {@code ghcr.io/owner/app} or {@code localhost:5000/app}; a
   * tag or digest in it is ignored. Docker Hub short forms work as with {@code docker pull}
   * ({@code alpine} is {@code docker.io/library/alpine}).
   *
   * @throws IllegalArgumentException when it is not a valid reference
   */
  public Repository repository(String reference) {
    return repository(Reference.parse(reference));
  }

  /** The repository {@code reference} names (its tag or digest is ignored). */
  public Repository repository(Reference reference) {
    Reference repo = reference.withoutTagOrDigest();
    Endpoints endpoints = new Endpoints(Endpoints.base(scheme(repo.registry()), repo.apiHost()), repo.repository());
    RepositoryContext ctx = new RepositoryContext(http, repo.registry(), endpoints, transfer, presence,
        referrersSupport, fallbackLocks);
    return new Repository(ctx, repo, recentManifests);
  }

  /** The repository {@code name} on {@code host}. */
  public Repository repository(String host, String name) {
    return repository(Reference.of(host, name));
  }

  /** The registry at {@code host} ({@code host[:port]}), for the API check and the catalog. */
  public Registry registry(String host) {
    return new Registry(this, http, host, base(host), transfer.listLimits());
  }

  /** The number of blobs a copy should move at once with this client (the builder's {@code concurrency}). */
  public int concurrency() {
    return settings.concurrency;
  }

  /** The scheme berth uses for {@code host}: {@code http} if listed as plain HTTP, else {@code https}. */
  public String scheme(String host) {
    return settings.plainHttpHosts.contains(host.toLowerCase(Locale.ROOT)) ? "http" : "https";
  }

  private HttpUrl base(String host) {
    return Endpoints.base(scheme(host), DockerHub.apiHost(host));
  }

  @Override
  public String toString() {
    return "RegistryClient{plainHttp=" + settings.plainHttpHosts + ", insecure=" + settings.insecure
        + ", chunked=" + settings.chunkedUploads + "}";
  }

  /**
   * {@code text} a server wrote (an error message, a header, a name) fit to show: every secret this
   * client has sent so far removed, in each encoding it was sent in (the Authorization value, a Basic
   * credential's decoded {@code user:password} and password, a token and its parts, URL- and
   * JSON-escaped), then its control characters escaped ({@link Redaction#printable}). berth's own
   * exception messages already quote registry error bodies this way; use this for anything else from a
   * server that reaches a log or a terminal.
   */
  public @Nullable String redact(String text) {
    return Redaction.serverText(text, sentSecrets.all());
  }

  /**
   * As {@link #redact} but without escaping anything: for text the caller escapes itself, such as
   * multi-line output a terminal writer escapes line by line.
   */
  public @Nullable String withoutSecrets(String text) {
    return Redaction.withoutSecrets(text, sentSecrets.all());
  }

  /** Settings for a {@link RegistryClient}; every setting has a sensible default. */
  public static final class Builder {
    final Set<String> plainHttpHosts = new LinkedHashSet<>();
    CredentialProvider credentials = CredentialProvider.anonymous();
    @Nullable Path caFile;
    boolean insecure;
    @Nullable OkHttpClient base;
    Duration connectTimeout = Duration.ofSeconds(30);
    Duration readTimeout = Duration.ofSeconds(60);
    @Nullable Proxy proxy;
    String userAgent = "berth/0.1";
    int concurrency = CopyOptions.DEFAULT_CONCURRENCY;
    boolean chunkedUploads;
    long chunkSize = 4L * 1024 * 1024;
    long maxManifestBytes = 4L * 1024 * 1024;
    int maxResumes = 5;
    java.time.@Nullable Instant deadline;
    long maxListEntries = DEFAULT_MAX_LIST_ENTRIES;
    long maxListBytes = DEFAULT_MAX_LIST_BYTES;
    ProgressListener progressListener = ProgressListener.NONE;
    WarningListener warningListener = WarningListener.IGNORE;
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    final List<Interceptor> interceptors = new ArrayList<>();
    final List<Interceptor> networkInterceptors = new ArrayList<>();
    @Nullable ConnectionPool pool;

    private Builder() {}

    /**
     * Where credentials come from (default: none, anonymous access). Registries that challenge get
     * Basic auth or docker tokens from these; see {@link CredentialProvider#defaults()} for what docker
     * and podman users expect.
     */
    public Builder credentials(CredentialProvider provider) {
      this.credentials = Objects.requireNonNull(provider);
      return this;
    }

    /**
     * Speak plain HTTP, not TLS, to these hosts ({@code host[:port]} as in references). Only for local
     * or test registries: credentials would cross the network in the clear.
     */
    public Builder plainHttp(String... hosts) {
      Arrays.stream(hosts).map(h -> h.toLowerCase(Locale.ROOT)).forEach(plainHttpHosts::add);
      return this;
    }

    /** Trust the certificates in this PEM file in addition to the JDK's roots (a private CA). */
    public Builder caFile(Path pemFile) {
      this.caFile = pemFile;
      return this;
    }

    /** Skip TLS certificate and host name verification for every host. An explicit, dangerous opt-in. */
    public Builder insecure(boolean skipTlsVerify) {
      this.insecure = skipTlsVerify;
      return this;
    }

    /**
     * Derive the HTTP client from {@code base}, sharing its connection pool and dispatcher. Its
     * redirect following is switched off (berth follows redirects itself); its interceptors run
     * outside berth's.
     */
    public Builder okHttpClient(OkHttpClient base) {
      this.base = base;
      return this;
    }

    /**
     * A deadline for everything this client does (default: none): a request after it fails at once, a
     * request still running at it is cancelled (even one whose server drips a byte at a time), retries
     * and resumes never wait past it, and none of them starts a fresh one. The failure is a {@link
     * dev.berth.core.DeadlineExceededException}. For a deadline per operation, build a client for it
     * with {@code client.newBuilder().deadline(...)} (it shares the connection pool). The command line's
     * {@code --timeout} sets this. Token requests are bounded by the timeouts below, not by it.
     */
    public Builder deadline(java.time.Instant deadline) {
      this.deadline = deadline;
      return this;
    }

    /**
     * Connect timeout, and the stall bound: the longest a single read or write on a connection may make
     * no progress (defaults 30 s and 60 s). A server that keeps sending a byte now and then is not a
     * stall; {@link #deadline} bounds it.
     */
    public Builder timeouts(Duration connect, Duration readWrite) {
      this.connectTimeout = Objects.requireNonNull(connect);
      this.readTimeout = Objects.requireNonNull(readWrite);
      return this;
    }

    /** Connect through this proxy. */
    public Builder proxy(Proxy proxy) {
      this.proxy = proxy;
      return this;
    }

    /** The {@code User-Agent} to send. */
    public Builder userAgent(String userAgent) {
      this.userAgent = Objects.requireNonNull(userAgent);
      return this;
    }

    /** How many blobs a copy moves at once (default {@value CopyOptions#DEFAULT_CONCURRENCY}); also sizes the connection pool. */
    public Builder concurrency(int concurrency) {
      if (concurrency < 1 || concurrency > CopyOptions.MAX_CONCURRENCY) {
        throw new IllegalArgumentException("concurrency must be between 1 and " + CopyOptions.MAX_CONCURRENCY + ", got "
            + concurrency);
      }
      if (concurrency != this.concurrency) {
        this.pool = null; // sized for the old value
      }
      this.concurrency = concurrency;
      return this;
    }

    /**
     * Upload blobs in chunks (POST, PATCH per chunk, PUT) instead of one streamed PUT. Slower, but a
     * broken connection loses at most one chunk, which is resent from where the registry says it stopped.
     */
    public Builder chunkedUploads(boolean chunked) {
      this.chunkedUploads = chunked;
      return this;
    }

    /**
     * Bytes per chunk in chunked mode (default 4 MiB: ghcr.io refuses larger ranged PATCHes). A
     * registry's {@code OCI-Chunk-Min-Length} raises it. Each upload in flight buffers one chunk.
     */
    public Builder chunkSize(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("chunk size must be positive");
      }
      this.chunkSize = bytes;
      return this;
    }

    /** The largest manifest read into memory (default 4 MiB, as the distribution-spec suggests). */
    public Builder maxManifestBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("manifest limit must be positive");
      }
      this.maxManifestBytes = bytes;
      return this;
    }

    /**
     * The most entries one listing (a tag list, the catalog, a referrers list) may hold, all pages
     * together (default {@value RegistryClient#DEFAULT_MAX_LIST_ENTRIES}); more ends the listing with a
     * {@link dev.berth.core.SizeLimitExceededException}, so an endless {@code Link} chain cannot.
     */
    public Builder maxListEntries(long entries) {
      if (entries < 1) {
        throw new IllegalArgumentException("list entry limit must be positive");
      }
      this.maxListEntries = entries;
      return this;
    }

    /**
     * The most response bytes one listing may take, all pages together (default 64 MiB); more ends it
     * with a {@link dev.berth.core.SizeLimitExceededException}.
     */
    public Builder maxListBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("list byte limit must be positive");
      }
      this.maxListBytes = bytes;
      return this;
    }

    /** How often one download or chunked upload resumes after broken connections (default 5). */
    public Builder maxResumes(int resumes) {
      if (resumes < 0) {
        throw new IllegalArgumentException("resumes must not be negative");
      }
      this.maxResumes = resumes;
      return this;
    }

    /** Receives byte counts per descriptor for every transfer. */
    public Builder progressListener(ProgressListener listener) {
      this.progressListener = Objects.requireNonNull(listener);
      return this;
    }

    /** Receives registries' {@code Warning: 299} texts. */
    public Builder warningListener(WarningListener listener) {
      this.warningListener = Objects.requireNonNull(listener);
      return this;
    }

    /** How requests are retried (default {@link RetryPolicy#defaults()}). */
    public Builder retryPolicy(RetryPolicy policy) {
      this.retryPolicy = Objects.requireNonNull(policy);
      return this;
    }

    /**
     * Adds an application interceptor that runs innermost, after redirects, retries and auth: it sees
     * each attempt with its {@code Authorization} header, so a logging interceptor (the CLI's
     * {@code --verbose}) must pass headers and URLs through {@link Redaction}.
     */
    public Builder addInterceptor(Interceptor interceptor) {
      interceptors.add(Objects.requireNonNull(interceptor));
      return this;
    }

    /** Adds a network interceptor (sees each request as sent on the wire; same redaction duty). */
    public Builder addNetworkInterceptor(Interceptor interceptor) {
      networkInterceptors.add(Objects.requireNonNull(interceptor));
      return this;
    }

    /**
     * A client with these settings; later changes to this builder do not affect it.
     *
     * @throws java.io.UncheckedIOException naming the file, when the {@link #caFile CA file} does not exist,
     *     cannot be read, or holds no PEM certificate
     * @throws IllegalStateException when the class path holds OkHttp 4 (com.squareup.okhttp3:okhttp), alone or
     *     beside OkHttp 5: the message names both versions and the fix (berth needs okhttp-jvm 5.x alone)
     */
    public RegistryClient build() {
      OkHttpVersionCheck.require(); // before any OkHttp class of a second copy can be linked
      return new RegistryClient(this);
    }

    private Builder copy() {
      Builder c = new Builder();
      c.plainHttpHosts.addAll(plainHttpHosts);
      c.credentials = credentials;
      c.caFile = caFile;
      c.insecure = insecure;
      c.base = base;
      c.connectTimeout = connectTimeout;
      c.readTimeout = readTimeout;
      c.proxy = proxy;
      c.userAgent = userAgent;
      c.concurrency = concurrency;
      c.chunkedUploads = chunkedUploads;
      c.chunkSize = chunkSize;
      c.maxManifestBytes = maxManifestBytes;
      c.maxResumes = maxResumes;
      c.maxListEntries = maxListEntries;
      c.deadline = deadline;
      c.maxListBytes = maxListBytes;
      c.progressListener = progressListener;
      c.warningListener = warningListener;
      c.retryPolicy = retryPolicy;
      c.interceptors.addAll(interceptors);
      c.networkInterceptors.addAll(networkInterceptors);
      c.pool = pool;
      return c;
    }
  }
}
