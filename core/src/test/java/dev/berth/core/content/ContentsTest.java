package dev.berth.core.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.SizeLimitExceededException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ContentsTest {
  private final MemoryStore store = new MemoryStore();
  private final Fixtures fixtures = new Fixtures(7);

  @Test
  void fetchAllRefusesContentLargerThanTheLimitBeforeReading() throws IOException {
    Descriptor d = Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR, fixtures.bytes(101));
    SizeLimitExceededException e =
        assertThrows(SizeLimitExceededException.class, () -> Contents.fetchAll(store, d, 100));
    assertEquals(100, e.limit());
  }

  @Test
  void fetchAllVerifiesEvenWhenTheStoreDoesNot() {
    byte[] real = "hello".getBytes(StandardCharsets.UTF_8);
    Descriptor claimed = Descriptor.of(MediaTypes.OCI_LAYER_TAR, "jello".getBytes(StandardCharsets.UTF_8));
    ReadOnlyStorage careless = new ReadOnlyStorage() {
      @Override
      public InputStream fetch(Descriptor target) {
        return new ByteArrayInputStream(real);
      }

      @Override
      public boolean exists(Descriptor target) {
        return true;
      }
    };
    assertThrows(DigestMismatchException.class, () -> Contents.fetchAll(careless, claimed, 100));
  }

  @Test
  void pushManifestKeepsExactBytesAndTags() throws IOException {
    byte[] odd = ("{ \"schemaVersion\" : 2, \"mediaType\": \"" + MediaTypes.OCI_MANIFEST
        + "\", \"config\": " + "{\"mediaType\":\"a/b\",\"digest\":\"" + Descriptor.EMPTY_JSON.digest()
        + "\",\"size\":2}, \"layers\": [] }\n").getBytes(StandardCharsets.UTF_8);
    EncodedManifest m = EncodedManifest.wrap(null, odd);
    Contents.pushManifest(store, m, "odd");
    assertArrayEquals(odd, Contents.fetchManifest(store, store.resolve("odd")).bytes());
    Contents.pushManifest(store, m, null); // already present: no error, tag unchanged
    assertEquals(m.digest(), store.resolve("odd").digest());
  }

  @Test
  void successorsOfAManifestAreConfigThenLayers() throws IOException {
    EncodedManifest m = fixtures.image(store, 2);
    var children = Contents.successors(store, m.descriptor());
    assertEquals(m.manifest().config(), children.get(0));
    assertEquals(m.manifest().layers(), children.subList(1, 3));
  }

  @Test
  void successorsOfAnIndexAreItsManifestsAndOfABlobNothing() throws IOException {
    EncodedManifest index = fixtures.multiPlatform(store);
    assertEquals(index.index().manifests(), Contents.successors(store, index.descriptor()));
    Descriptor blob = index.index().manifests().get(0);
    Descriptor layer = Contents.successors(store, blob).get(1);
    assertTrue(Contents.successors(store, layer).isEmpty());
  }

  @Test
  void untagRemovesOnlyTheName() throws IOException {
    EncodedManifest m = fixtures.image(store, 1);
    store.tag(m.descriptor(), "v1");
    store.untag("v1");
    assertThrows(NotFoundException.class, () -> store.resolve("v1"));
    assertTrue(store.exists(m.descriptor()));
    assertThrows(NotFoundException.class, () -> store.untag("v1"));
  }
}
