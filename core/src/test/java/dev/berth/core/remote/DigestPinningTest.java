package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A reference that names a digest is pinned to it: a registry that answers with another manifest (its
 * {@code Docker-Content-Digest} says so, or only its bytes do) is refused, naming both digests.
 */
class DigestPinningTest {
  private final MockRegistry registry;
  private final EncodedManifest wanted = manifest("wanted");
  private final EncodedManifest other = manifest("other");

  DigestPinningTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private static EncodedManifest manifest(String layer) {
    return EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON,
        List.of(Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer.getBytes(StandardCharsets.UTF_8)))));
  }

  private String[] headersOf(EncodedManifest m) {
    return new String[] {"Content-Type", m.mediaType(), "Docker-Content-Digest", m.digest().toString(),
        "Content-Length", Long.toString(m.descriptor().size())};
  }

  private void assertNamesBoth(DigestMismatchException e) {
    assertTrue(e.getMessage().contains(wanted.digest().toString()), e.getMessage());
    assertTrue(e.getMessage().contains(other.digest().toString()), e.getMessage());
    assertEquals(wanted.digest(), e.expected().digest());
    assertEquals(other.digest(), e.actual());
  }

  @Test
  void resolveByDigestRefusesAHeadThatNamesAnotherDigest() throws Exception {
    registry.enqueue(200, headersOf(other));

    DigestMismatchException e = assertThrows(DigestMismatchException.class,
        () -> registry.repository().resolve(wanted.digest().toString()));

    assertNamesBoth(e);
    registry.take("HEAD", "/v2/team/app/manifests/" + wanted.digest());
  }

  @Test
  void resolveByDigestKeepsTheUsersDigestWhenTheHeadAgrees() throws Exception {
    registry.enqueue(200, headersOf(wanted));

    Descriptor d = registry.repository().resolve(wanted.digest().toString());

    assertEquals(wanted.descriptor(), d);
  }

  @Test
  void resolveByDigestThatFallsBackToGetChecksTheBytes() throws Exception {
    // HEAD without a digest header: resolve fetches, and another manifest's bytes must not pass.
    registry.enqueue(200, "Content-Length", Long.toString(other.descriptor().size()));
    registry.enqueueBody(200, new String(other.bytes(), StandardCharsets.UTF_8), "Content-Type", other.mediaType());

    DigestMismatchException e = assertThrows(DigestMismatchException.class,
        () -> registry.repository().resolve(wanted.digest().toString()));

    assertNamesBoth(e);
  }

  @Test
  void fetchByDigestRefusesAHeaderThatNamesAnotherDigestEvenWithTheRightBytes() throws Exception {
    registry.enqueueBody(200, new String(wanted.bytes(), StandardCharsets.UTF_8), "Content-Type", wanted.mediaType(),
        "Docker-Content-Digest", other.digest().toString());

    DigestMismatchException e = assertThrows(DigestMismatchException.class,
        () -> registry.repository().fetchManifest(wanted.digest().toString()));

    assertNamesBoth(e);
  }

  @Test
  void fetchByDigestRefusesAnotherManifestsBytesAndHeader() throws Exception {
    registry.enqueueBody(200, new String(other.bytes(), StandardCharsets.UTF_8), "Content-Type",
        other.mediaType(), "Docker-Content-Digest", other.digest().toString());

    DigestMismatchException e = assertThrows(DigestMismatchException.class,
        () -> registry.repository().fetchManifest(wanted.digest().toString()));

    assertNamesBoth(e);
  }

  @Test
  void taggingByDescriptorRefusesAnotherManifestsBytes() throws Exception {
    registry.enqueueBody(200, new String(other.bytes(), StandardCharsets.UTF_8), "Content-Type",
        other.mediaType(), "Docker-Content-Digest", other.digest().toString());

    assertThrows(DigestMismatchException.class, () -> registry.repository().tag(wanted.descriptor(), "v1"));

    registry.take("GET", "/v2/team/app/manifests/" + wanted.digest());
    registry.assertNoMoreRequests(); // nothing was PUT under the tag
  }
}
