package dev.berth.core.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.OciException;
import dev.berth.core.content.Fixtures;
import dev.berth.core.content.MemoryStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Graphs whose digests berth cannot verify (any algorithm but sha256 and sha512) can loop: an index can
 * list itself, or two indexes each other. A copy of such a graph ends with an error, never a hang.
 */
class CopyCycleTest {
  private static final Duration NO_HANG = Duration.ofSeconds(20);

  private static String index(String... children) {
    StringBuilder s = new StringBuilder("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX
        + "\",\"manifests\":[");
    for (int i = 0; i < children.length; i++) {
      s.append(i == 0 ? "" : ",").append("{\"mediaType\":\"").append(MediaTypes.OCI_INDEX)
          .append("\",\"digest\":\"").append(children[i]).append("\",\"size\":").append(len(children[i])).append('}');
    }
    return s.append("]}").toString();
  }

  /** The unverified digests in these tests all name 400-byte documents (padded with spaces). */
  private static int len(String digest) {
    return 400;
  }

  private static Descriptor put(MemoryStore store, String digest, String json) throws IOException {
    byte[] bytes = String.format("%-400s", json).getBytes(StandardCharsets.UTF_8);
    assertEquals(400, bytes.length);
    Descriptor d = Descriptor.of(MediaTypes.OCI_INDEX, Digest.parse(digest), bytes.length);
    store.push(d, new ByteArrayInputStream(bytes));
    return d;
  }

  @Test
  void anIndexThatListsItselfEndsWithAnError() throws Exception {
    MemoryStore src = new MemoryStore();
    Descriptor self = put(src, "sha384:self", index("sha384:self"));
    src.tag(self, "loop");
    assertTimeoutPreemptively(NO_HANG, () -> {
      OciException e = assertThrows(OciException.class,
          () -> Copier.copy(src, "loop", new MemoryStore(), "loop", CopyOptions.defaults()));
      assertTrue(e.getMessage().contains("cycle") && e.getMessage().contains("sha384:self"), e.getMessage());
    });
  }

  @Test
  void twoIndexesThatListEachOtherUnderACommonRootEndWithAnError() throws Exception {
    MemoryStore src = new MemoryStore();
    put(src, "sha384:b", index("sha384:c"));
    put(src, "sha384:c", index("sha384:b"));
    Descriptor root = put(src, "sha384:a", index("sha384:b", "sha384:c"));
    src.tag(root, "loop");
    for (int concurrency : new int[] {1, 8}) {
      assertTimeoutPreemptively(NO_HANG, () -> {
        OciException e = assertThrows(OciException.class, () -> Copier.copy(src, "loop", new MemoryStore(), "loop",
            CopyOptions.builder().concurrency(concurrency).build()));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
      });
    }
  }

  @Test
  void aDiamondIsNotACycle() throws IOException {
    MemoryStore src = new MemoryStore();
    Fixtures fixtures = new Fixtures(5);
    EncodedManifest image = fixtures.image(src, 2);
    EncodedManifest left = EncodedManifest.of(dev.berth.core.Index.of(java.util.List.of(image.descriptor())));
    Fixtures.push(src, left);
    EncodedManifest top = EncodedManifest.of(dev.berth.core.Index.of(java.util.List.of(left.descriptor(),
        image.descriptor())));
    Fixtures.push(src, top);
    src.tag(top.descriptor(), "diamond");
    MemoryStore dst = new MemoryStore();
    Copier.copy(src, "diamond", dst, "diamond", CopyOptions.defaults());
    assertEquals(top.descriptor().digest(), dst.resolve("diamond").digest());
  }
}
