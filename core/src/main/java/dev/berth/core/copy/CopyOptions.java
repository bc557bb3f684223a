package dev.berth.core.copy;

import dev.berth.core.Platform;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Copier} moves a graph. Immutable; start from {@link #defaults()} or {@link #builder()}.
 *
 * <pre>{@code
 * CopyOptions options = CopyOptions.builder()
 *     .concurrency(4)
 *     .platform(Platform.parse("linux/arm64"))
 *     .includeReferrers(true)
 *     .build();
 * }</pre>
 */
public final class CopyOptions {
  /**
   * Five transfers at once, as Docker pushes layers (oras uses three). Over a long round trip each
   * transfer mostly waits, so width is what makes a push fast: an image of 8 layers moves in 2 rounds
   * at width 5 but 3 at width 3. Registries rate-limit far beyond this; memory does not grow with it,
   * since every transfer streams.
   */
  public static final int DEFAULT_CONCURRENCY = 5;
  /** The most transfers at once berth allows: each is a thread and a connection. */
  public static final int MAX_CONCURRENCY = 256;

  private static final CopyOptions DEFAULTS = builder().build();

  private final int concurrency;
  private final @Nullable Executor executor;
  private final @Nullable Platform platform;
  private final CopyListener listener;
  private final boolean includeReferrers;
  private final List<String> mountFrom;

  private CopyOptions(Builder b) {
    this.concurrency = b.concurrency;
    this.executor = b.executor;
    this.platform = b.platform;
    this.listener = b.listener;
    this.includeReferrers = b.includeReferrers;
    this.mountFrom = List.copyOf(b.mountFrom);
  }

  /** {@value #DEFAULT_CONCURRENCY} concurrent transfers on threads of the copy's own, no platform filter, no referrers, no mounts. */
  public static CopyOptions defaults() {
    return DEFAULTS;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these options. */
  public Builder newBuilder() {
    return new Builder(this);
  }

  /** At most this many nodes are checked, fetched or pushed at once. */
  public int concurrency() {
    return concurrency;
  }

  /** Where transfers run, or null for threads the copy starts and stops itself. */
  public @Nullable Executor executor() {
    return executor;
  }

  /** When the root is an index, copy only the manifest for this platform (which becomes the root); or null. */
  public @Nullable Platform platform() {
    return platform;
  }

  /** The hooks called as nodes are copied, skipped or mounted; {@link CopyListener#NONE} by default. */
  public CopyListener listener() {
    return listener;
  }

  /** Whether referrers (manifests whose subject is a copied manifest) are copied too, recursively. */
  public boolean includeReferrers() {
    return includeReferrers;
  }

  /**
   * Further repositories on the destination registry to try mounting blobs from, in order. The source
   * repository, when it is on the destination's registry, is always tried first without being named here.
   */
  public List<String> mountFrom() {
    return mountFrom;
  }

  /** Builds {@link CopyOptions}. */
  public static final class Builder {
    private int concurrency = DEFAULT_CONCURRENCY;
    private @Nullable Executor executor;
    private @Nullable Platform platform;
    private CopyListener listener = CopyListener.NONE;
    private boolean includeReferrers;
    private List<String> mountFrom = List.of();

    private Builder() {}

    private Builder(CopyOptions o) {
      concurrency = o.concurrency;
      executor = o.executor;
      platform = o.platform;
      listener = o.listener;
      includeReferrers = o.includeReferrers;
      mountFrom = o.mountFrom;
    }

    /**
     * At most {@code n} transfers at once; default {@value #DEFAULT_CONCURRENCY}.
     *
     * @throws IllegalArgumentException unless 1 &lt;= n &lt;= {@value #MAX_CONCURRENCY}
     */
    public Builder concurrency(int n) {
      if (n < 1 || n > MAX_CONCURRENCY) {
        throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY + ", got " + n);
      }
      this.concurrency = n;
      return this;
    }

    /**
     * Runs transfers on {@code e} (still at most {@link #concurrency} at a time) instead of the copy's own
     * threads. Tasks never wait on one another, so any pool size works, but do not call {@code copy}
     * from a thread of a pool too small to run its tasks while that thread waits.
     */
    public Builder executor(Executor e) {
      this.executor = e;
      return this;
    }

    /** Select this platform's manifest from an index root; null for the whole graph. */
    public Builder platform(@Nullable Platform p) {
      this.platform = p;
      return this;
    }

    /** Calls {@code l}'s hooks as the copy proceeds, from several threads at once; not null. */
    public Builder listener(CopyListener l) {
      this.listener = Objects.requireNonNull(l, "listener");
      return this;
    }

    /** Whether to copy referrers of copied manifests too, recursively; default false. */
    public Builder includeReferrers(boolean include) {
      this.includeReferrers = include;
      return this;
    }

    /**
     * Repositories to mount blobs from when the destination is a {@code Mounter}, after the source
     * repository when that is on the same registry (which needs no naming).
     */
    public Builder mountFrom(List<String> repositories) {
      this.mountFrom = List.copyOf(repositories);
      return this;
    }

    /** The options as set so far. */
    public CopyOptions build() {
      return new CopyOptions(this);
    }
  }
}
