package dev.berth.core.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.OciException;
import dev.berth.core.SizeMismatchException;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyListener;
import dev.berth.core.copy.CopyOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Target} promises. Subclasses supply a fresh, empty target per test; the
 * {@code supportsX()} hooks switch off checks a particular store cannot honour (a registry that refuses
 * deletes, for example).
 */
public abstract class TargetContract {
  /** A fresh, empty target: its own directory, memory or repository. */
  protected abstract Target newTarget() throws Exception;

  /** Whether the target implements {@link Deleter} and allows deletes. */
  protected boolean supportsDelete() {
    return true;
  }

  /** Whether the target implements {@link ReferrerLister}. */
  protected boolean supportsReferrers() {
    return true;
  }

  /** Whether the target implements {@link TagLister}. */
  protected boolean supportsTagListing() {
    return true;
  }

  /** Whether a failed push leaves nothing that {@code exists} can see (a store's own guarantee). */
  protected boolean failedPushLeavesNothing() {
    return true;
  }

  /** Whether {@code exists} answers false for the right digest with the wrong size. */
  protected boolean existsChecksSize() {
    return true;
  }

  /** Threads used by the concurrency checks. */
  protected int concurrency() {
    return 8;
  }

  protected Target target;
  protected final Fixtures fixtures = new Fixtures(42);

  @BeforeEach
  void createTarget() throws Exception {
    target = newTarget();
  }

  @AfterEach
  void closeTarget() throws Exception {
    if (target instanceof AutoCloseable c) {
      c.close();
    }
  }

  @Test
  void pushedBlobCanBeFetchedByteForByte() throws IOException {
    byte[] bytes = fixtures.bytes(10_000);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, bytes);
    assertFalse(target.exists(d));
    target.push(d, new ByteArrayInputStream(bytes));
    assertTrue(target.exists(d));
    assertArrayEquals(bytes, Contents.fetchAll(target, d, Long.MAX_VALUE));
  }

  @Test
  void emptyBlobRoundTrips() throws IOException {
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, new byte[0]);
    target.push(d, new ByteArrayInputStream(new byte[0]));
    assertTrue(target.exists(d));
    assertArrayEquals(new byte[0], Contents.fetchAll(target, d, 10));
  }

  @Test
  void fetchOfAbsentContentThrowsNotFound() {
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, fixtures.bytes(10));
    assertThrows(NotFoundException.class, () -> target.fetch(d).close());
  }

  @Test
  void existsComparesSizeAsWellAsDigest() throws IOException {
    assumeTrue(existsChecksSize());
    byte[] bytes = fixtures.bytes(100);
    Descriptor d = Fixtures.push(target, MediaTypes.OCI_LAYER_TAR, bytes);
    assertFalse(target.exists(Descriptor.of(d.mediaType(), d.digest(), 99)));
  }

  @Test
  void pushWithWrongDigestFailsAndLeavesNothing() throws IOException {
    byte[] bytes = fixtures.bytes(1000);
    Descriptor lie = Descriptor.of(MediaTypes.OCI_LAYER_TAR, Digest.sha256(fixtures.bytes(1000)), bytes.length);
    assertThrows(DigestMismatchException.class, () -> target.push(lie, new ByteArrayInputStream(bytes)));
    assertNothingVisible(lie, bytes);
  }

  @Test
  void pushOfShorterContentFailsWithSizeMismatch() throws IOException {
    byte[] bytes = fixtures.bytes(1000);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, bytes);
    byte[] shorter = java.util.Arrays.copyOf(bytes, 999);
    assertThrows(SizeMismatchException.class, () -> target.push(d, new ByteArrayInputStream(shorter)));
    assertNothingVisible(d, shorter);
  }

  @Test
  void pushOfLongerContentFails() throws IOException {
    byte[] bytes = fixtures.bytes(1000);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, java.util.Arrays.copyOf(bytes, 999));
    assertThrows(OciException.class, () -> target.push(d, new ByteArrayInputStream(bytes)));
    assertNothingVisible(d, bytes);
  }

  @Test
  void pushFailingMidStreamLeavesNothing() throws IOException {
    byte[] bytes = fixtures.bytes(50_000);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, bytes);
    InputStream breaking = new InputStream() {
      int served;

      @Override
      public int read() throws IOException {
        if (served >= 20_000) {
          throw new IOException("connection reset (test)");
        }
        return bytes[served++] & 0xff;
      }
    };
    assertThrows(IOException.class, () -> target.push(d, breaking));
    assertNothingVisible(d, bytes);
  }

  private void assertNothingVisible(Descriptor d, byte[] pushedBytes) throws IOException {
    if (failedPushLeavesNothing()) {
      assertFalse(target.exists(d), "failed push left " + d.digest() + " visible");
      assertFalse(target.exists(Descriptor.of(d.mediaType(), pushedBytes)), "failed push kept the bytes");
    }
  }

  @Test
  void pushingTheSameContentTwiceIsHarmless() throws IOException {
    byte[] bytes = fixtures.bytes(500);
    Descriptor d = Fixtures.push(target, MediaTypes.OCI_LAYER_TAR, bytes);
    target.push(d, new ByteArrayInputStream(bytes));
    assertArrayEquals(bytes, Contents.fetchAll(target, d, 1000));
  }

  @Test
  void manifestResolvesByTagAndByDigest() throws IOException {
    EncodedManifest m = fixtures.image(target, 2);
    target.tag(m.descriptor(), "v1");
    assertSameNode(m.descriptor(), target.resolve("v1"));
    assertSameNode(m.descriptor(), target.resolve(m.digest().toString()));
    assertArrayEquals(m.bytes(), Contents.fetchManifest(target, target.resolve("v1")).bytes());
  }

  @Test
  void untaggedManifestResolvesByDigest() throws IOException {
    EncodedManifest m = fixtures.image(target, 1);
    assertSameNode(m.descriptor(), target.resolve(m.digest().toString()));
  }

  @Test
  void indexResolvesWithItsMediaType() throws IOException {
    EncodedManifest index = fixtures.multiPlatform(target);
    target.tag(index.descriptor(), "multi");
    Descriptor resolved = target.resolve("multi");
    assertEquals(MediaTypes.OCI_INDEX, resolved.mediaType());
    assertSameNode(index.descriptor(), resolved);
  }

  @Test
  void unknownTagThrowsNotFound() {
    assertThrows(NotFoundException.class, () -> target.resolve("nope"));
  }

  @Test
  void unknownDigestThrowsNotFound() {
    assertThrows(NotFoundException.class, () -> target.resolve(Digest.sha256(fixtures.bytes(8)).toString()));
  }

  @Test
  void retaggingMovesTheTag() throws IOException {
    EncodedManifest a = fixtures.image(target, 1);
    EncodedManifest b = fixtures.image(target, 1);
    target.tag(a.descriptor(), "latest");
    target.tag(b.descriptor(), "latest");
    assertSameNode(b.descriptor(), target.resolve("latest"));
    assertSameNode(a.descriptor(), target.resolve(a.digest().toString()));
  }

  @Test
  void oneManifestCanCarrySeveralTags() throws IOException {
    EncodedManifest m = fixtures.image(target, 1);
    for (String t : List.of("1", "1.0", "1.0.0")) {
      target.tag(m.descriptor(), t);
    }
    for (String t : List.of("1", "1.0", "1.0.0")) {
      assertSameNode(m.descriptor(), target.resolve(t));
    }
  }

  @Test
  void taggingAbsentContentFails() {
    Descriptor absent = Descriptor.of(MediaTypes.OCI_MANIFEST, fixtures.bytes(100));
    assertThrows(NotFoundException.class, () -> target.tag(absent, "ghost"));
  }

  @Test
  void tagsListsEveryTag() throws IOException {
    assumeTrue(supportsTagListing());
    EncodedManifest m = fixtures.image(target, 1);
    target.tag(m.descriptor(), "b");
    target.tag(m.descriptor(), "a");
    target.tag(m.descriptor(), "c");
    assertEquals(List.of("a", "b", "c"), ((TagLister) target).tags());
  }

  @Test
  void deletingAManifestRemovesItsTags() throws IOException {
    assumeTrue(supportsDelete());
    EncodedManifest m = fixtures.image(target, 1);
    target.tag(m.descriptor(), "gone");
    ((Deleter) target).delete(m.descriptor());
    assertFalse(target.exists(m.descriptor()));
    assertThrows(NotFoundException.class, () -> target.resolve("gone"));
    assertThrows(NotFoundException.class, () -> target.resolve(m.digest().toString()));
  }

  @Test
  void deletingABlobRemovesIt() throws IOException {
    assumeTrue(supportsDelete());
    Descriptor d = Fixtures.push(target, MediaTypes.OCI_LAYER_TAR, fixtures.bytes(300));
    ((Deleter) target).delete(d);
    assertFalse(target.exists(d));
    assertThrows(NotFoundException.class, () -> target.fetch(d).close());
  }

  @Test
  void deletingAbsentContentThrowsNotFound() {
    assumeTrue(supportsDelete());
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR, fixtures.bytes(30));
    assertThrows(NotFoundException.class, () -> ((Deleter) target).delete(d));
  }

  @Test
  void referrersListsManifestsWithThatSubject() throws IOException {
    assumeTrue(supportsReferrers());
    EncodedManifest subject = fixtures.image(target, 1);
    EncodedManifest other = fixtures.image(target, 1);
    EncodedManifest sig = fixtures.referrer(target, subject.descriptor(), "application/vnd.example.signature");
    EncodedManifest sbom = fixtures.referrer(target, subject.descriptor(), "application/vnd.example.sbom");
    ReferrerLister lister = (ReferrerLister) target;

    List<Descriptor> all = lister.referrers(subject.descriptor(), null);
    assertEquals(2, all.size());
    assertTrue(all.stream().anyMatch(d -> d.digest().equals(sig.digest())));
    assertTrue(all.stream().anyMatch(d -> d.digest().equals(sbom.digest())));

    List<Descriptor> sboms = lister.referrers(subject.descriptor(), "application/vnd.example.sbom");
    assertEquals(1, sboms.size());
    Descriptor d = sboms.get(0);
    assertSameNode(sbom.descriptor(), d);
    assertEquals("application/vnd.example.sbom", d.artifactType());
    assertEquals("application/vnd.example.sbom", d.annotation("org.example.kind"));

    assertEquals(List.of(), lister.referrers(other.descriptor(), null));
  }

  @Test
  void concurrentPushesOfTheSameBlobAllSucceed() throws Exception {
    byte[] bytes = fixtures.bytes(200_000);
    Descriptor d = Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, bytes);
    runConcurrently(i -> {
      target.push(d, new ByteArrayInputStream(bytes));
      return null;
    });
    assertArrayEquals(bytes, Contents.fetchAll(target, d, Long.MAX_VALUE));
  }

  @Test
  void concurrentPushesOfDifferentBlobsAllLand() throws Exception {
    List<byte[]> blobs = new ArrayList<>();
    for (int i = 0; i < concurrency(); i++) {
      blobs.add(fixtures.bytes(20_000 + i));
    }
    runConcurrently(i -> Fixtures.push(target, MediaTypes.OCI_LAYER_TAR, blobs.get(i)));
    for (byte[] b : blobs) {
      assertArrayEquals(b, Contents.fetchAll(target, Descriptor.of(MediaTypes.OCI_LAYER_TAR, b), Long.MAX_VALUE));
    }
  }

  @Test
  void concurrentTaggingKeepsEveryTag() throws Exception {
    List<EncodedManifest> images = new ArrayList<>();
    for (int i = 0; i < concurrency(); i++) {
      images.add(fixtures.image(target, 1));
    }
    runConcurrently(i -> {
      target.tag(images.get(i).descriptor(), "t" + i);
      return null;
    });
    for (int i = 0; i < images.size(); i++) {
      assertSameNode(images.get(i).descriptor(), target.resolve("t" + i));
    }
  }

  @Test
  void aGraphCopiedInAndOutKeepsEveryByte() throws IOException {
    MemoryStore source = new MemoryStore();
    EncodedManifest index = fixtures.multiPlatform(source);
    source.tag(index.descriptor(), "multi");
    EncodedManifest sig = fixtures.referrer(source, index.descriptor(), "application/vnd.example.sig");
    CopyOptions withReferrers = CopyOptions.builder().includeReferrers(true).build();

    Descriptor root = Copier.copy(source, "multi", target, "multi", withReferrers);
    assertSameNode(index.descriptor(), target.resolve("multi"));
    Graphs.assertSameGraph(source, target, root);
    Graphs.assertSameGraph(source, target, sig.descriptor());

    MemoryStore back = new MemoryStore();
    Copier.copy(target, "multi", back, null,
        CopyOptions.builder().includeReferrers(supportsReferrers()).build());
    Graphs.assertSameGraph(source, back, root);
    assertSameNode(index.descriptor(), back.resolve("multi"));
    if (supportsReferrers()) {
      assertEquals(List.of(sig.digest()),
          back.referrers(index.descriptor(), null).stream().map(Descriptor::digest).toList());
    }
  }

  @Test
  void copyingAgainSkipsTheRootAndTransfersNothing() throws IOException {
    MemoryStore source = new MemoryStore();
    EncodedManifest image = fixtures.image(source, 2);
    source.tag(image.descriptor(), "v1");
    Copier.copy(source, "v1", target, null, CopyOptions.defaults());
    List<Descriptor> skipped = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Descriptor> copied = new java.util.concurrent.CopyOnWriteArrayList<>();
    CopyListener l = new CopyListener() {
      @Override
      public void onSkipped(Descriptor node) {
        skipped.add(node);
      }

      @Override
      public void postCopy(Descriptor node) {
        copied.add(node);
      }
    };
    Copier.copy(source, "v1", target, null, CopyOptions.builder().listener(l).build());
    assertEquals(List.of(image.digest()), skipped.stream().map(Descriptor::digest).toList());
    assertEquals(List.of(), copied);
  }

  @FunctionalInterface
  protected interface Task {
    Object run(int i) throws Exception;
  }

  /** Runs {@code task} on {@link #concurrency()} threads released together, failing on any error. */
  protected void runConcurrently(Task task) throws Exception {
    int n = concurrency();
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        Callable<Object> c = () -> {
          start.await();
          return task.run(index);
        };
        futures.add(pool.submit(c));
      }
      start.countDown();
      for (Future<Object> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Same node: media type, digest and size agree (annotations may differ between stores). */
  protected static void assertSameNode(Descriptor expected, Descriptor actual) {
    assertEquals(expected.mediaType(), actual.mediaType(), "media type");
    assertEquals(expected.digest(), actual.digest(), "digest");
    assertEquals(expected.size(), actual.size(), "size");
  }
}
