package dev.berth.core.copy.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.OciException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Mounter;
import dev.berth.core.content.ReadOnlyStorage;
import dev.berth.core.content.ReferencePusher;
import dev.berth.core.content.ReferrerLister;
import dev.berth.core.content.Storage;
import dev.berth.core.content.TransferRetries;
import dev.berth.core.copy.CopyListener;
import dev.berth.core.copy.CopyOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One graph copy in flight. Each node is visited once (by digest, so a blob that appears twice moves
 * once). A visit is a chain of futures: check and fetch on the pool, then children, then the push. No
 * task ever waits on another, so a pool of any size makes progress; only the caller's thread blocks.
 */
public final class GraphCopy {
  /** A step that may fail with I/O. */
  @FunctionalInterface
  interface Step<T> {
    T run() throws IOException;
  }

  private final ReadOnlyStorage src;
  private final Storage dst;
  private final CopyOptions options;
  private final CopyListener listener;
  private final Executor executor;
  private final Map<Digest, Visit> visits = new ConcurrentHashMap<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final WaitGraph waitGraph = new WaitGraph();
  private final @Nullable Descriptor root;
  private final @Nullable String rootTag;
  private volatile boolean rootTagged;
  private final @Nullable EncodedManifest fetched;
  private final List<String> mountFrom;

  public GraphCopy(ReadOnlyStorage src, Storage dst, CopyOptions options, Executor executor) {
    this(src, dst, options, executor, null, null, null);
  }

  /**
   * A copy that also tags {@code root} with {@code rootTag}: in the same request as its push when {@code dst}
   * is a {@link ReferencePusher}, so a registry receives the root manifest once, not once per digest and
   * once per tag. {@link #rootTagged()} says whether that happened. {@code fetched}, when not null, is a
   * manifest of the graph already read from {@code src} (by a {@code ReferenceFetcher}), used instead of
   * fetching it again.
   */
  public GraphCopy(ReadOnlyStorage src, Storage dst, CopyOptions options, Executor executor, @Nullable Descriptor root,
      @Nullable String rootTag, @Nullable EncodedManifest fetched) {
    this.src = src;
    this.dst = dst;
    this.options = options;
    this.listener = options.listener();
    this.executor = executor;
    this.root = root;
    this.rootTag = dst instanceof ReferencePusher ? rootTag : null;
    this.fetched = fetched;
    this.mountFrom = MountSources.of(src, dst, options.mountFrom());
  }

  /** Whether the root was pushed under its tag (else the caller still has to tag it). */
  public boolean rootTagged() {
    return rootTagged;
  }

  /** Stops tasks that have not started yet; running ones finish. */
  public void abort(Throwable cause) {
    failure.compareAndSet(null, cause);
  }

  /** Copies {@code node} and everything below it (and its referrers, if asked) that {@code dst} lacks. */
  public CompletableFuture<Void> visit(Descriptor node) {
    return start(node).done();
  }

  /**
   * One node's two milestones: its content (the node and everything below it are in {@code dst}) and,
   * later, done (its referrers too). A parent waits on its children's content only, so a referrer that
   * lists its own subject (which waits on that referrer being done) does not wait on itself.
   */
  private record Visit(CompletableFuture<Void> content, CompletableFuture<Void> done) {}

  private Visit start(Descriptor node) {
    Visit visit = new Visit(new CompletableFuture<>(), new CompletableFuture<>());
    Visit earlier = visits.putIfAbsent(node.digest(), visit);
    if (earlier != null) {
      return earlier;
    }
    copyNode(node).whenComplete((v, e) -> {
      waitGraph.finished(WaitGraph.content(node.digest()));
      complete(visit.content(), e);
    });
    visit.content().thenCompose(v -> referrersOf(node)).whenComplete((v, e) -> {
      waitGraph.finished(WaitGraph.done(node.digest()));
      complete(visit.done(), e);
    });
    return visit;
  }

  private void complete(CompletableFuture<Void> f, Throwable e) {
    if (e != null) {
      abort(e);
      f.completeExceptionally(e);
    } else {
      f.complete(null);
    }
  }

  // Its steps complete with null (a skipped node, a blob, Void): NullAway's default mode does not type
  // generic nullness (CompletableFuture<@Nullable T>), so this one method is exempt from its check.
  @SuppressWarnings("NullAway")
  private CompletableFuture<Void> copyNode(Descriptor node) {
    return async(() -> {
      if (dst.exists(node)) {
        listener.onSkipped(node);
        return null;
      }
      if (!MediaTypes.isManifestOrIndex(node.mediaType())) {
        copyBlob(node);
        return null;
      }
      return fetched != null && fetched.descriptor().sameContent(node)
          ? fetched.withDescriptor(node) : Contents.fetchManifest(src, node);
    }).thenCompose(manifest -> {
      if (manifest == null) {
        return CompletableFuture.completedFuture(null);
      }
      List<Descriptor> children = manifest.children();
      CompletableFuture<?>[] waits = new CompletableFuture<?>[children.size()];
      for (int i = 0; i < waits.length; i++) {
        waits[i] = contentAfterCycleCheck(node, children.get(i));
      }
      return CompletableFuture.allOf(waits).thenCompose(v -> async(() -> {
        pushManifest(node, manifest);
        return null;
      }));
    });
  }

  /**
   * Visits {@code child}, whose content {@code parent} is about to wait on. Content-addressed graphs
   * cannot loop unless a digest goes unverified (an algorithm berth cannot compute); a loop would make a
   * node wait on itself for ever, so it ends the copy with an error naming the node instead.
   */
  private CompletableFuture<Void> contentAfterCycleCheck(Descriptor parent, Descriptor child) {
    if (!waitGraph.add(WaitGraph.content(parent.digest()), WaitGraph.content(child.digest()))) {
      return cycle(parent, child);
    }
    return start(child).content();
  }

  /** Visits {@code referrer}, which {@code subject} is about to wait on being done; checked as above. */
  private CompletableFuture<Void> doneAfterCycleCheck(Descriptor subject, Descriptor referrer) {
    if (!waitGraph.add(WaitGraph.done(subject.digest()), WaitGraph.done(referrer.digest()))) {
      return cycle(subject, referrer);
    }
    return start(referrer).done();
  }

  private CompletableFuture<Void> cycle(Descriptor waiter, Descriptor next) {
    OciException cycle = new OciException("the graph of " + (root == null ? waiter.digest() : root.digest())
        + " is a cycle: " + next.digest() + " lists itself, directly or through its children or referrers");
    abort(cycle);
    return CompletableFuture.failedFuture(cycle);
  }

  private void copyBlob(Descriptor blob) throws IOException {
    listener.preCopy(blob);
    if (dst instanceof Mounter mounter && !mountFrom.isEmpty()) {
      String mountedFrom = mount(mounter, blob);
      if (mountedFrom != null) {
        listener.onMounted(blob, mountedFrom);
        return;
      }
    } else {
      // Fetched anew on each try: an upload that broke, or a download that arrived corrupted, is redone.
      TransferRetries.copy(src, dst, blob);
    }
    listener.postCopy(blob);
  }

  /** Tries each source repository in turn; returns the one mounted from, or null if it was uploaded. */
  private @Nullable String mount(Mounter mounter, Descriptor blob) throws IOException {
    List<String> from = mountFrom;
    for (int i = 0; i < from.size(); i++) {
      boolean last = i == from.size() - 1;
      boolean[] uploaded = {false};
      try {
        mounter.mount(blob, from.get(i), () -> {
          if (!last) {
            throw new MountDeclined();
          }
          uploaded[0] = true;
          return src.fetch(blob);
        });
      } catch (IOException e) {
        if (MountDeclined.in(e)) {
          continue; // a Mounter may wrap what the supplier threw
        }
        throw e;
      }
      return uploaded[0] ? null : from.get(i);
    }
    throw new IllegalStateException("unreachable: the last mount source always falls back to upload");
  }

  private void pushManifest(Descriptor node, EncodedManifest manifest) throws IOException {
    listener.preCopy(node);
    try (InputStream in = manifest.openStream()) {
      // The exact bytes fetched: a manifest is never re-serialised.
      if (rootTag != null && root != null && node.digest().equals(root.digest())) {
        ((ReferencePusher) dst).pushReference(node, in, rootTag);
        rootTagged = true;
      } else {
        dst.push(node, in);
      }
    }
    listener.postCopy(node);
  }

  private CompletableFuture<Void> referrersOf(Descriptor node) {
    if (!options.includeReferrers() || !(src instanceof ReferrerLister lister)
        || !MediaTypes.isManifestOrIndex(node.mediaType())) {
      return CompletableFuture.completedFuture(null);
    }
    return async(() -> lister.referrers(node, null)).thenCompose(referrers ->
        CompletableFuture.allOf(referrers.stream().map(r -> doneAfterCycleCheck(node, r)).toArray(CompletableFuture<?>[]::new)));
  }

  private <T> CompletableFuture<T> async(Step<T> step) {
    CompletableFuture<T> f = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        Throwable earlier = failure.get();
        if (earlier != null) {
          f.completeExceptionally(earlier);
          return;
        }
        try {
          f.complete(step.run());
        } catch (Throwable t) {
          f.completeExceptionally(t);
        }
      });
    } catch (RejectedExecutionException e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  /** Signals a declined mount to try the next source; never escapes this class. */
  private static final class MountDeclined extends IOException {
    MountDeclined() {
      super("mount declined; trying the next source repository");
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this; // control flow, not an error
    }

    static boolean in(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof MountDeclined) {
          return true;
        }
      }
      return false;
    }
  }
}
