package dev.berth.artifacts.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Index;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformSelectorTest {
  private static Descriptor image(String name, Platform p) {
    return Descriptor.of(MediaTypes.OCI_MANIFEST, name.getBytes(StandardCharsets.UTF_8)).withPlatform(p);
  }

  private static final Descriptor AMD64 = image("amd64", Platform.parse("linux/amd64"));
  private static final Descriptor ARM_V6 = image("armv6", Platform.parse("linux/arm/v6"));
  private static final Descriptor ARM_V7 = image("armv7", Platform.parse("linux/arm/v7"));
  private static final Descriptor ARM64 = image("arm64", Platform.parse("linux/arm64/v8"));
  private static final Descriptor ATTESTATION = image("att", Platform.parse("unknown/unknown"));
  private static final Index INDEX = Index.of(List.of(AMD64, ATTESTATION, ARM_V6, ARM_V7, ARM64));

  @Test
  void matchesOsAndArchitecture() throws Exception {
    assertEquals(AMD64, PlatformSelector.select(INDEX, Platform.parse("linux/amd64")));
  }

  @Test
  void architectureAliasesAndArm64V8AreNormalised() throws Exception {
    assertEquals(AMD64, PlatformSelector.select(INDEX, Platform.parse("linux/x86_64")));
    assertEquals(ARM64, PlatformSelector.select(INDEX, Platform.parse("linux/aarch64")));
    assertEquals(ARM64, PlatformSelector.select(INDEX, Platform.parse("linux/arm64")));
    Index plainArm64 = Index.of(List.of(image("a", Platform.parse("linux/arm64"))));
    assertEquals(plainArm64.manifests().get(0), PlatformSelector.select(plainArm64, Platform.parse("linux/arm64/v8")));
  }

  @Test
  void variantIsMatchedWhenGivenAndFirstInIndexOrderOtherwise() throws Exception {
    assertEquals(ARM_V7, PlatformSelector.select(INDEX, Platform.parse("linux/arm/v7")));
    assertEquals(ARM_V6, PlatformSelector.select(INDEX, Platform.parse("linux/arm")));
  }

  @Test
  void noMatchListsWhatTheIndexOffersWithoutAttestations() {
    NoMatchingPlatformException e = assertThrows(NoMatchingPlatformException.class,
        () -> PlatformSelector.select(INDEX, Platform.parse("windows/amd64")));
    assertEquals("no image for platform windows/amd64 in the index; available: "
        + "linux/amd64, linux/arm/v6, linux/arm/v7, linux/arm64/v8", e.getMessage());
    assertEquals(4, e.available().size());
    assertEquals(Platform.parse("windows/amd64"), e.wanted());
  }

  @Test
  void withoutPlatformASingleImageIndexIsAcceptedAndOthersNeedAChoice() throws Exception {
    assertEquals(AMD64, PlatformSelector.select(Index.of(List.of(AMD64, ATTESTATION)), null));
    NoMatchingPlatformException e = assertThrows(NoMatchingPlatformException.class,
        () -> PlatformSelector.select(INDEX, null));
    assertTrue(e.getMessage().contains("choose a platform"), e.getMessage());
    assertNull(e.wanted());
  }

  @Test
  void dockerManifestListIsAnIndexToo() throws Exception {
    Index list = new Index(2, MediaTypes.DOCKER_MANIFEST_LIST, null, List.of(AMD64, ARM64), null, null);
    assertEquals(ARM64, PlatformSelector.select(list, Platform.parse("linux/arm64")));
  }
}
