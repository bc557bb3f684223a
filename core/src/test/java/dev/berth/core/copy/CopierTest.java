package dev.berth.core.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Fixtures;
import dev.berth.core.content.Graphs;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.ReadOnlyStorage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class CopierTest {
  private final Fixtures fixtures = new Fixtures(11);
  private final ObservedTarget src = new ObservedTarget();
  private final MemoryStore dst = new MemoryStore();

  @Test
  void copiesTheWholeGraphChildrenBeforeParentsAndTagsTheRoot() throws IOException {
    EncodedManifest index = fixtures.multiPlatform(src);
    src.tag(index.descriptor(), "multi");
    List<Digest> order = Collections.synchronizedList(new ArrayList<>());
    CopyListener recorder = new CopyListener() {
      @Override
      public void postCopy(Descriptor node) {
        order.add(node.digest());
      }
    };

    Descriptor root = Copier.copy(src, "multi", dst, null, CopyOptions.builder().listener(recorder).build());

    assertEquals(index.digest(), root.digest());
    assertEquals(index.digest(), dst.resolve("multi").digest());
    Graphs.assertSameGraph(src, dst, root);
    Map<Digest, Descriptor> nodes = Graphs.nodes(src, root);
    assertEquals(nodes.size(), order.size(), "each node copied exactly once");
    for (Descriptor node : nodes.values()) {
      for (Descriptor child : Contents.successors(src, node)) {
        assertTrue(order.indexOf(child.digest()) < order.indexOf(node.digest()),
            child.digest() + " must land before its parent " + node.digest());
      }
    }
  }

  @Test
  void aBlobThatAppearsTwiceIsFetchedOnce() throws IOException {
    EncodedManifest index = fixtures.multiPlatform(src);
    Descriptor shared = Contents.successors(src, index.children().get(0)).get(1);
    Copier.copyGraph(src, dst, index.descriptor(), CopyOptions.defaults());
    assertEquals(1, src.fetchCount(shared));
  }

  @Test
  void nothingBelowAManifestTheDestinationHasIsVisited() throws IOException {
    EncodedManifest image = fixtures.image(src, 2);
    src.tag(image.descriptor(), "v1");
    Fixtures.push(dst, image); // the manifest only: its blobs are missing, and copy must not look
    List<Descriptor> skipped = Collections.synchronizedList(new ArrayList<>());
    CopyListener l = new CopyListener() {
      @Override
      public void onSkipped(Descriptor node) {
        skipped.add(node);
      }
    };

    Copier.copy(src, "v1", dst, "v1", CopyOptions.builder().listener(l).build());

    assertEquals(List.of(image.digest()), skipped.stream().map(Descriptor::digest).toList());
    assertEquals(0, src.fetches.size(), "no fetch at all");
    for (Descriptor child : image.children()) {
      assertFalse(dst.exists(child));
    }
    assertEquals(image.digest(), dst.resolve("v1").digest());
  }

  @Test
  void blobsTheDestinationHasAreSkipped() throws IOException {
    EncodedManifest image = fixtures.image(src, 3);
    Descriptor layer = image.manifest().layers().get(1);
    Fixtures.push(dst, layer.mediaType(), Contents.fetchAll(src.store, layer, Long.MAX_VALUE));
    Copier.copyGraph(src, dst, image.descriptor(), CopyOptions.defaults());
    assertEquals(0, src.fetchCount(layer));
    Graphs.assertSameGraph(src, dst, image.descriptor());
  }

  @Test
  void concurrencyIsBounded() throws IOException {
    EncodedManifest image = fixtures.image(src, 12);
    src.fetchDelayMillis = 30;
    Copier.copyGraph(src, dst, image.descriptor(), CopyOptions.builder().concurrency(2).build());
    assertEquals(2, src.maxInFlight.get());
    Graphs.assertSameGraph(src.store, dst, image.descriptor());
  }

  @Test
  void defaultConcurrencyRunsFiveTransfersAtOnce() throws IOException {
    EncodedManifest image = fixtures.image(src, 12);
    src.fetchDelayMillis = 30;
    Copier.copyGraph(src, dst, image.descriptor(), CopyOptions.defaults());
    assertEquals(5, src.maxInFlight.get());
  }

  @Test
  void aOneThreadPoolCopiesADeepGraphWithoutDeadlock() {
    ExecutorService one = Executors.newFixedThreadPool(1);
    try {
      assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
        EncodedManifest nested = nestedIndexes(4);
        Copier.copyGraph(src, dst, nested.descriptor(), CopyOptions.builder().executor(one).concurrency(3).build());
        Graphs.assertSameGraph(src.store, dst, nested.descriptor());
      });
    } finally {
      one.shutdownNow();
    }
  }

  @Test
  void aPlatformMakesThatManifestTheRoot() throws IOException {
    EncodedManifest index = fixtures.multiPlatform(src);
    src.tag(index.descriptor(), "multi");
    Descriptor arm = index.index().manifests().get(1);

    Descriptor root = Copier.copy(src, "multi", dst, "arm",
        CopyOptions.builder().platform(Platform.parse("linux/arm64")).build());

    assertEquals(arm.digest(), root.digest());
    assertEquals(arm.digest(), dst.resolve("arm").digest());
    assertFalse(dst.exists(index.descriptor()));
    assertFalse(dst.exists(index.index().manifests().get(0)));
    Graphs.assertSameGraph(src, dst, arm);
  }

  @Test
  void aPlatformNobodyBuiltIsNotFound() throws IOException {
    EncodedManifest index = fixtures.multiPlatform(src);
    src.tag(index.descriptor(), "multi");
    CopyOptions riscv = CopyOptions.builder().platform(Platform.parse("linux/riscv64")).build();
    assertThrows(NotFoundException.class, () -> Copier.copy(src, "multi", dst, null, riscv));
  }

  @Test
  void aPlatformAlsoChecksASingleManifestsConfig() throws IOException {
    EncodedManifest image = fixtures.image(src, 1); // config says linux/amd64
    src.tag(image.descriptor(), "one");
    CopyOptions amd = CopyOptions.builder().platform(Platform.parse("linux/amd64")).build();
    assertEquals(image.digest(), Copier.copy(src, "one", dst, null, amd).digest());
    CopyOptions arm = CopyOptions.builder().platform(Platform.parse("linux/arm64")).build();
    assertThrows(NotFoundException.class, () -> Copier.copy(src, "one", new MemoryStore(), null, arm));
  }

  @Test
  void referrersComeAlongWhenAskedRecursively() throws IOException {
    EncodedManifest image = fixtures.image(src, 1);
    src.tag(image.descriptor(), "v1");
    EncodedManifest sig = fixtures.referrer(src, image.descriptor(), "application/vnd.example.sig");
    EncodedManifest sigOfSig = fixtures.referrer(src, sig.descriptor(), "application/vnd.example.countersig");

    Copier.copy(src, "v1", dst, null, CopyOptions.defaults());
    assertFalse(dst.exists(sig.descriptor()));

    Copier.copy(src, "v1", dst, null, CopyOptions.builder().includeReferrers(true).build());
    assertTrue(dst.exists(sig.descriptor()));
    assertTrue(dst.exists(sigOfSig.descriptor()));
    Graphs.assertSameGraph(src, dst, sigOfSig.descriptor());
    assertEquals(List.of(sig.digest()),
        dst.referrers(image.descriptor(), null).stream().map(Descriptor::digest).toList());
  }

  @Test
  void manifestsTravelAsTheirExactBytes() throws IOException {
    Descriptor layer = Fixtures.push(src, MediaTypes.OCI_LAYER_TAR, fixtures.bytes(10));
    Fixtures.push(src, Descriptor.EMPTY_JSON.mediaType(), Descriptor.emptyJsonContent());
    String odd = "{\n  \"schemaVersion\": 2,\n  \"config\": " + json(Descriptor.EMPTY_JSON)
        + ",\n  \"layers\": [" + json(layer) + "]\n}\n";
    EncodedManifest m = EncodedManifest.wrap(MediaTypes.OCI_MANIFEST, odd.getBytes(StandardCharsets.UTF_8));
    Fixtures.push(src, m);
    src.tag(m.descriptor(), "odd");

    Copier.copy(src, "odd", dst, null, CopyOptions.defaults());

    assertArrayEquals(m.bytes(), Contents.fetchManifest(dst, dst.resolve("odd")).bytes());
  }

  @Test
  void aDigestSourceIsNotTaggedUnlessADestinationTagIsGiven() throws IOException {
    EncodedManifest image = fixtures.image(src, 1);
    Copier.copy(src, image.digest().toString(), dst, null, CopyOptions.defaults());
    assertEquals(List.of(), dst.tags());
    Copier.copy(src, image.digest().toString(), dst, "named", CopyOptions.defaults());
    assertEquals(List.of("named"), dst.tags());
  }

  @Test
  void aCorruptSourceBlobFailsTheCopyAndTheRootNeverLands() throws IOException {
    EncodedManifest image = fixtures.image(src, 3);
    Descriptor layer = image.manifest().layers().get(2);
    byte[] wrong = fixtures.bytes((int) layer.size());
    // A source that serves other bytes under the layer's digest, as a bit-rotted disk would.
    ReadOnlyStorage corrupt = new ReadOnlyStorage() {
      @Override
      public InputStream fetch(Descriptor target) throws IOException {
        return target.digest().equals(layer.digest()) ? new ByteArrayInputStream(wrong) : src.fetch(target);
      }

      @Override
      public boolean exists(Descriptor target) {
        return src.exists(target);
      }
    };

    assertThrows(DigestMismatchException.class,
        () -> Copier.copyGraph(corrupt, dst, image.descriptor(), CopyOptions.defaults()));
    assertFalse(dst.exists(image.descriptor()));
    assertFalse(dst.exists(layer));
  }

  @Test
  void aListenerThatThrowsAbortsTheCopy() throws IOException {
    EncodedManifest image = fixtures.image(src, 2);
    CopyListener refuse = new CopyListener() {
      @Override
      public void preCopy(Descriptor node) throws IOException {
        throw new IOException("quota exceeded (test)");
      }
    };
    IOException e = assertThrows(IOException.class,
        () -> Copier.copyGraph(src, dst, image.descriptor(), CopyOptions.builder().listener(refuse).build()));
    assertEquals("quota exceeded (test)", e.getMessage());
    assertFalse(dst.exists(image.descriptor()));
  }

  @Test
  void aFailureStopsTransfersThatHaveNotStarted() throws IOException {
    EncodedManifest image = fixtures.image(src, 6);
    Descriptor config = image.manifest().config();
    ReadOnlyStorage brokenConfig = new ReadOnlyStorage() {
      @Override
      public InputStream fetch(Descriptor target) throws IOException {
        if (target.digest().equals(config.digest())) {
          throw new IOException("disk on fire (test)");
        }
        return src.fetch(target);
      }

      @Override
      public boolean exists(Descriptor target) {
        return src.exists(target);
      }
    };
    src.fetches.clear();
    IOException e = assertThrows(IOException.class, () ->
        Copier.copyGraph(brokenConfig, dst, image.descriptor(), CopyOptions.builder().concurrency(1).build()));
    assertEquals("disk on fire (test)", e.getMessage());
    assertEquals(1, src.fetches.size(), "only the manifest was fetched; the layers queued behind the config never ran");
  }

  @Test
  void interruptingTheCallerStopsTheCopy() throws Exception {
    EncodedManifest image = fixtures.image(src, 20);
    src.fetchDelayMillis = 200;
    Thread caller = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      try {
        src.firstFetch.await(); // the copy is under way
      } catch (InterruptedException ignored) {
        return;
      }
      caller.interrupt();
    });
    interrupter.start();
    try {
      assertThrows(java.io.InterruptedIOException.class,
          () -> Copier.copyGraph(src, dst, image.descriptor(), CopyOptions.builder().concurrency(1).build()));
      assertTrue(Thread.interrupted(), "the interrupt flag is kept for the caller");
    } finally {
      interrupter.join();
    }
    assertTrue(src.fetches.size() < 10, "queued transfers did not run after the interrupt: " + src.fetches.size());
  }

  @Test
  void anInterruptedCopyReturnsOnlyWhenNothingOfItRunsAnyMore() throws Exception {
    EncodedManifest image = fixtures.image(src, 20);
    src.fetchDelayMillis = 200;
    java.util.concurrent.atomic.AtomicBoolean returned = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.atomic.AtomicInteger pushesAfterReturn = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    java.util.Set<Thread> workers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    // The destination notes every push that happens after copy returned, and pushes under way at return.
    dev.berth.core.content.Storage watched = new dev.berth.core.content.Storage() {
      @Override
      public void push(Descriptor expected, InputStream content) throws IOException {
        if (returned.get()) {
          pushesAfterReturn.incrementAndGet();
        }
        dst.push(expected, content);
      }

      @Override
      public InputStream fetch(Descriptor target) throws IOException {
        return dst.fetch(target);
      }

      @Override
      public boolean exists(Descriptor target) throws IOException {
        return dst.exists(target);
      }
    };
    ReadOnlyStorage counted = new ReadOnlyStorage() {
      @Override
      public InputStream fetch(Descriptor target) throws IOException {
        workers.add(Thread.currentThread());
        inFlight.incrementAndGet();
        try {
          return src.fetch(target);
        } finally {
          inFlight.decrementAndGet();
        }
      }

      @Override
      public boolean exists(Descriptor target) throws IOException {
        return src.exists(target);
      }
    };
    Thread caller = Thread.currentThread();
    Thread interrupter = new Thread(() -> {
      try {
        src.firstFetch.await();
      } catch (InterruptedException ignored) {
        return;
      }
      caller.interrupt();
    });
    interrupter.start();
    int runningAtReturn;
    try {
      assertThrows(java.io.InterruptedIOException.class,
          () -> Copier.copyGraph(counted, watched, image.descriptor(), CopyOptions.builder().concurrency(4).build()));
      runningAtReturn = inFlight.get();
      returned.set(true);
      assertTrue(Thread.interrupted(), "the interrupt flag is kept for the caller");
    } finally {
      interrupter.join();
    }
    assertEquals(0, runningAtReturn, "fetches of the copy still ran when it returned");
    // Once every thread that fetched for the copy has ended, no stray task of it can reach the destination.
    for (Thread worker : workers) {
      if (worker != Thread.currentThread()) {
        worker.join(30_000);
        assertFalse(worker.isAlive(), worker + " of the copy still runs after it returned");
      }
    }
    assertEquals(0, pushesAfterReturn.get(), "a push reached the destination after copy returned");
  }

  /** An index of an index of ... of one image: every level waits on the one below. */
  private EncodedManifest nestedIndexes(int depth) throws IOException {
    EncodedManifest node = fixtures.image(src, 3);
    for (int i = 0; i < depth; i++) {
      EncodedManifest sibling = fixtures.image(src, 2);
      node = EncodedManifest.of(Index.of(List.of(node.descriptor(), sibling.descriptor())));
      Fixtures.push(src, node);
    }
    return node;
  }

  private static String json(Descriptor d) {
    return new String(dev.berth.core.internal.Json.write(d), StandardCharsets.UTF_8);
  }
}
