package dev.berth.core.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.content.ContentOpener;
import dev.berth.core.content.Contents;
import dev.berth.core.content.Fixtures;
import dev.berth.core.content.Graphs;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.Mounter;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class CopierMountTest {
  private final Fixtures fixtures = new Fixtures(5);
  private final ObservedTarget src = new ObservedTarget();

  /** A destination "repository" that can mount from sibling repositories holding the blob. */
  private static final class MountingTarget implements Target, Mounter {
    final MemoryStore store = new MemoryStore();
    final Map<String, MemoryStore> siblings;

    MountingTarget(Map<String, MemoryStore> siblings) {
      this.siblings = siblings;
    }

    @Override
    public void mount(Descriptor blob, String fromRepository, ContentOpener fallback) throws IOException {
      MemoryStore sibling = siblings.get(fromRepository);
      if (sibling != null && sibling.exists(blob)) {
        try (InputStream in = sibling.fetch(blob)) {
          store.push(blob, in); // stands in for the registry linking the blob: no bytes from the client
        }
        return;
      }
      try (InputStream in = fallback.open()) {
        store.push(blob, in);
      }
    }

    @Override
    public InputStream fetch(Descriptor target) throws IOException {
      return store.fetch(target);
    }

    @Override
    public boolean exists(Descriptor target) {
      return store.exists(target);
    }

    @Override
    public void push(Descriptor expected, InputStream content) throws IOException {
      store.push(expected, content);
    }

    @Override
    public Descriptor resolve(String reference) throws IOException {
      return store.resolve(reference);
    }

    @Override
    public void tag(Descriptor target, String tag) throws IOException {
      store.tag(target, tag);
    }
  }

  private static final class Recorder implements CopyListener {
    final Map<Descriptor, String> mounted = new ConcurrentHashMap<>();
    final Set<Descriptor> copied = ConcurrentHashMap.newKeySet();

    @Override
    public void onMounted(Descriptor blob, String fromRepository) {
      mounted.put(blob, fromRepository);
    }

    @Override
    public void postCopy(Descriptor node) {
      copied.add(node);
    }
  }

  @Test
  void blobsAreMountedFromTheFirstRepositoryThatHasThem() throws IOException {
    EncodedManifest image = fixtures.image(src, 2);
    MemoryStore library = new MemoryStore();
    Copier.copyGraph(src, library, image.descriptor(), CopyOptions.defaults());
    MountingTarget dst = new MountingTarget(Map.of("team/empty", new MemoryStore(), "team/library", library));
    src.fetches.clear();
    Recorder r = new Recorder();

    Copier.copyGraph(src, dst, image.descriptor(),
        CopyOptions.builder().mountFrom(List.of("team/empty", "team/library")).listener(r).build());

    assertEquals(3, r.mounted.size());
    assertTrue(r.mounted.values().stream().allMatch("team/library"::equals));
    assertEquals(Set.of(image.descriptor()), r.copied);
    assertEquals(1, src.fetches.size(), "only the manifest was read from the source");
    Graphs.assertSameGraph(src, dst, image.descriptor());
  }

  @Test
  void aDeclinedMountFallsBackToUploading() throws IOException {
    EncodedManifest image = fixtures.image(src, 2);
    MountingTarget dst = new MountingTarget(Map.of());
    Recorder r = new Recorder();

    Copier.copyGraph(src, dst, image.descriptor(),
        CopyOptions.builder().mountFrom(List.of("a", "b")).listener(r).build());

    assertTrue(r.mounted.isEmpty());
    assertEquals(4, r.copied.size());
    for (Descriptor child : image.children()) {
      assertEquals(1, src.fetchCount(child));
    }
    assertEquals(image.digest(), Contents.fetchManifest(dst, image.descriptor()).digest());
  }
}
