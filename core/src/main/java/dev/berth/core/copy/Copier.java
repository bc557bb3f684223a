package dev.berth.core.copy;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.ReferenceFetcher;
import dev.berth.core.content.Storage;
import dev.berth.core.content.Target;
import dev.berth.core.content.internal.Descriptors;
import dev.berth.core.copy.internal.BoundedExecutor;
import dev.berth.core.copy.internal.GraphCopy;
import dev.berth.core.copy.internal.PlatformSelector;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * The one transfer verb: copies a graph of content (an index, its manifests, their configs and layers,
 * optionally their referrers) from any source to any destination: registry to layout, layout to
 * registry, registry to registry, memory to anywhere. Push, pull, mirror and export are this call.
 *
 * <p>Children move before their parents, so a destination never holds a manifest whose blobs are
 * missing. Whatever the destination already has is skipped, and below an existing manifest nothing is
 * even looked at. A blob that appears twice in the graph moves once. Manifests move as their exact
 * bytes. Up to {@link CopyOptions#concurrency()} nodes transfer at once.
 *
 * <p>Between two repositories of one registry, blobs are mounted rather than moved (one request each
 * instead of a download and an upload), on every path that copies: the source repository is tried
 * first, then {@link CopyOptions#mountFrom()}; a registry that declines a mount gets the upload.
 */
public final class Copier {
  private Copier() {}

  /**
   * Resolves {@code srcRef} at {@code src}, copies the graph to {@code dst}, and tags its root there.
   *
   * <p>With {@link CopyOptions#platform()}, the root becomes that platform's manifest (as oras does):
   * only it is copied and tagged.
   *
   * @param srcRef a tag or digest at the source
   * @param dstRef the tag to give the root at the destination; when null, {@code srcRef} if it is a
   *     tag, else no tag. A digest here must be the root's digest and tags nothing.
   * @return the descriptor of the root that was copied
   * @throws dev.berth.core.NotFoundException when {@code srcRef} or the platform is not found
   */
  public static Descriptor copy(ReadOnlyTarget src, String srcRef, Target dst, String dstRef, CopyOptions options)
      throws IOException {
    // One GET instead of HEAD + GET where the source can (a registry); the copy uses the bytes it got.
    EncodedManifest fetched = src instanceof ReferenceFetcher fetcher ? fetcher.fetchReference(srcRef) : null;
    Descriptor root = fetched != null ? fetched.descriptor() : src.resolve(srcRef);
    if (options.platform() != null) {
      root = PlatformSelector.select(src, root, options.platform());
    }
    String tag = dstRef != null ? dstRef : Descriptors.digestNamedBy(srcRef) != null ? null : srcRef;
    Digest tagAsDigest = tag == null ? null : Descriptors.digestNamedBy(tag);
    boolean tagged = run(src, dst, root, fetched, tagAsDigest == null ? tag : null, options);
    if (tagAsDigest != null) {
      if (!tagAsDigest.equals(root.digest())) {
        throw new IllegalArgumentException("destination reference " + tag + " is not the copied root " + root.digest());
      }
    } else if (tag != null && !tagged) {
      dst.tag(root, tag);
    }
    return root;
  }

  /**
   * Copies {@code root} and everything below it that {@code dst} lacks; tags nothing.
   *
   * @return {@code root}
   */
  public static Descriptor copyGraph(ReadOnlyStorage src, Storage dst, Descriptor root, CopyOptions options)
      throws IOException {
    run(src, dst, root, null, null, options);
    return root;
  }

  /**
   * Copies the graph; returns whether the root was pushed under {@code rootTag} on the way. {@code fetched}
   * is a manifest already read from {@code src} (the root, unless a platform was chosen), or null.
   */
  private static boolean run(ReadOnlyStorage src, Storage dst, Descriptor root, @Nullable EncodedManifest fetched,
      @Nullable String rootTag, CopyOptions options) throws IOException {
    Executor given = options.executor();
    ExecutorService own = given == null ? Executors.newCachedThreadPool(Copier::daemon) : null;
    BoundedExecutor executor = new BoundedExecutor(given != null ? given : Objects.requireNonNull(own), options.concurrency());
    GraphCopy copy = new GraphCopy(src, dst, options, executor, root, rootTag, fetched);
    try {
      await(copy, copy.visit(root));
      return copy.rootTagged();
    } finally {
      // Failed or interrupted or not, return only once no task of this copy still touches the stores:
      // a caller that was interrupted must be able to trust that nothing more reaches the destination.
      executor.awaitIdleUninterruptibly();
      if (own != null) {
        own.shutdown();
      }
    }
  }

  private static void await(GraphCopy copy, Future<Void> done) throws IOException {
    try {
      done.get();
    } catch (InterruptedException e) {
      InterruptedIOException stop = new InterruptedIOException("copy interrupted");
      copy.abort(stop);
      Thread.currentThread().interrupt();
      throw stop;
    } catch (ExecutionException e) {
      throw rethrow(e.getCause());
    }
  }

  private static IOException rethrow(@Nullable Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    if (t instanceof IOException io) {
      return io;
    }
    if (t instanceof UncheckedIOException u) {
      return Objects.requireNonNull(u.getCause(), "an UncheckedIOException always has its cause");
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error err) {
      throw err;
    }
    return new IOException(t);
  }

  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "berth-copy");
    t.setDaemon(true);
    return t;
  }
}
