package dev.berth.artifacts.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.Platform;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.layout.OciLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64/v8");

  @TempDir Path tmp;
  private MemoryStore src;
  private ImageFixtures.Base amd;
  private ImageFixtures.Base arm;
  private Descriptor index;

  @BeforeEach
  void setUp() throws IOException {
    src = new MemoryStore();
    amd = ImageFixtures.pushBase(src, "amd", true, AMD64, List.of(Map.of("amd64.txt", "a")));
    arm = ImageFixtures.pushBase(src, "arm", true, ARM64, List.of(Map.of("arm64.txt", "b")));
    index = ImageFixtures.pushIndex(src, "multi", true, List.of(
        amd.manifest().withPlatform(AMD64), arm.manifest().withPlatform(ARM64)));
  }

  @Test
  void pullTakesOnePlatformOutOfAManifestList() throws IOException {
    MemoryStore dst = new MemoryStore();

    Descriptor pulled = Images.pull(src, "multi", dst, "local", Platform.parse("linux/arm64"));

    assertEquals(arm.manifest().digest(), pulled.digest());
    assertEquals(arm.manifest().digest(), dst.resolve("local").digest());
    assertTrue(dst.exists(arm.layers().get(0)));
    assertFalse(dst.exists(amd.layers().get(0)), "the other platform's layers stay behind");
  }

  @Test
  void pullWithoutPlatformFromMultiPlatformIndexAsksForOne() {
    NoMatchingPlatformException e = assertThrows(NoMatchingPlatformException.class,
        () -> Images.pull(src, "multi", new MemoryStore(), "x", null));
    assertEquals(List.of(AMD64, ARM64), e.available());
  }

  @Test
  void saveWritesAnOciLayoutThatResolvesByTag() throws IOException {
    Descriptor saved = Images.save(src, "multi", tmp.resolve("layout"), "3.19", AMD64);

    OciLayout layout = OciLayout.open(tmp.resolve("layout"));
    assertEquals(amd.manifest().digest(), layout.resolve("3.19").digest());
    assertEquals(MediaTypes.DOCKER_MANIFEST, saved.mediaType());
    assertTrue(layout.exists(amd.config()));
  }

  @Test
  void copyWithoutPlatformKeepsTheWholeIndex() throws IOException {
    MemoryStore dst = new MemoryStore();

    Descriptor copied = Images.copy(src, "multi", dst, "mirror", null, CopyOptions.defaults());

    assertEquals(index.digest(), copied.digest());
    assertEquals(MediaTypes.DOCKER_MANIFEST_LIST, dst.resolve("mirror").mediaType());
    assertTrue(dst.exists(amd.layers().get(0)) && dst.exists(arm.layers().get(0)));
  }

  @Test
  void missingReferenceIsNotFound() {
    assertThrows(NotFoundException.class, () -> Images.pull(src, "nope", new MemoryStore(), null, AMD64));
  }
}
