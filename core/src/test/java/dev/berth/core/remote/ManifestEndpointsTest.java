package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.AccessDeniedException;
import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.SizeLimitExceededException;
import dev.berth.core.UnauthorizedException;
import dev.berth.core.UnsupportedException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ManifestEndpointsTest {
  private final MockRegistry registry;
  private final byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
  private final EncodedManifest manifest = EncodedManifest.of(
      Manifest.of(Descriptor.EMPTY_JSON, List.of(Descriptor.of(MediaTypes.OCI_LAYER_TAR, layer))));
  private final String json = new String(manifest.bytes(), StandardCharsets.UTF_8);

  ManifestEndpointsTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void fetchByTagAsksForEveryManifestKindAndChecksTheRegistrysDigest() throws Exception {
    registry.enqueueBody(200, json, "Content-Type", MediaTypes.OCI_MANIFEST,
        "Docker-Content-Digest", manifest.digest().toString());

    EncodedManifest fetched = registry.repository().fetchManifest("v1");

    assertArrayEquals(manifest.bytes(), fetched.bytes());
    assertEquals(manifest.descriptor().digest(), fetched.digest());
    assertEquals(MediaTypes.OCI_MANIFEST, fetched.mediaType());
    RecordedRequest get = registry.take("GET", "/v2/team/app/manifests/v1");
    String accept = get.getHeaders().get("Accept");
    for (String type : MediaTypes.MANIFEST_ACCEPT) {
      assertTrue(accept.contains(type), accept);
    }
  }

  @Test
  void bytesThatDoNotMatchTheRequestedDigestAreRefused() throws Exception {
    registry.enqueueBody(200, json.replace("layer", "LAYER"), "Content-Type", MediaTypes.OCI_MANIFEST);

    assertThrows(DigestMismatchException.class,
        () -> registry.repository().fetchManifest(manifest.digest().toString()));
  }

  @Test
  void aManifestDeclaredLargerThanTheLimitIsRefusedBeforeReading() throws Exception {
    RegistryClient client = registry.clientBuilder().maxManifestBytes(16).build();
    registry.enqueueBody(200, json, "Content-Type", MediaTypes.OCI_MANIFEST);

    assertThrows(SizeLimitExceededException.class,
        () -> client.repository(registry.host() + "/team/app").fetchManifest("v1"));
  }

  @Test
  void resolveUsesHeadAndItsHeaders() throws Exception {
    registry.enqueue(200, "Content-Type", MediaTypes.OCI_MANIFEST, "Docker-Content-Digest", manifest.digest().toString(),
        "Content-Length", Long.toString(manifest.descriptor().size()));

    Descriptor d = registry.repository().resolve("v1");

    assertEquals(manifest.descriptor(), d.withArtifactType(null).withArtifactType(manifest.descriptor().artifactType()));
    registry.take("HEAD", "/v2/team/app/manifests/v1");
    registry.assertNoMoreRequests();
  }

  @Test
  void resolveFallsBackToGetWhenHeadLacksTheDigest() throws Exception {
    registry.enqueue(200, "Content-Type", MediaTypes.OCI_MANIFEST);
    registry.enqueueBody(200, json, "Content-Type", MediaTypes.OCI_MANIFEST);

    Descriptor d = registry.repository().resolve("v1");

    assertEquals(manifest.digest(), d.digest());
    assertEquals(manifest.descriptor().size(), d.size());
    registry.take("HEAD", "/v2/team/app/manifests/v1");
    registry.take("GET", "/v2/team/app/manifests/v1");
  }

  @Test
  void pushPutsTheExactBytesWithTheManifestsMediaType() throws Exception {
    registry.enqueue(201, "Docker-Content-Digest", manifest.digest().toString());

    registry.repository().push(manifest.descriptor(), new ByteArrayInputStream(manifest.bytes()));

    RecordedRequest put = registry.take("PUT", "/v2/team/app/manifests/" + manifest.digest());
    assertEquals(MediaTypes.OCI_MANIFEST, put.getHeaders().get("Content-Type"));
    assertArrayEquals(manifest.bytes(), put.getBody().toByteArray());
    registry.assertNoMoreRequests();
  }

  @Test
  void taggingRightAfterPushingReusesTheBytesInsteadOfFetchingThem() throws Exception {
    registry.enqueue(201);
    registry.enqueue(201);
    Repository repo = registry.repository();

    repo.push(manifest.descriptor(), new ByteArrayInputStream(manifest.bytes()));
    repo.tag(manifest.descriptor(), "v2");

    registry.take("PUT", "/v2/team/app/manifests/" + manifest.digest());
    RecordedRequest tag = registry.take("PUT", "/v2/team/app/manifests/v2");
    assertArrayEquals(manifest.bytes(), tag.getBody().toByteArray());
    registry.assertNoMoreRequests();
  }

  @Test
  void taggingAManifestPushedElsewhereFetchesItsBytesByDigestFirst() throws Exception {
    registry.enqueueBody(200, json, "Content-Type", MediaTypes.OCI_MANIFEST);
    registry.enqueue(201);

    registry.repository().tag(manifest.descriptor(), "v3");

    registry.take("GET", "/v2/team/app/manifests/" + manifest.digest());
    registry.take("PUT", "/v2/team/app/manifests/v3");
  }

  @Test
  void unknownManifestIsNotFoundNamingTheRepository() throws Exception {
    registry.enqueueBody(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}");

    NotFoundException e = assertThrows(NotFoundException.class, () -> registry.repository().fetchManifest("nope"));

    assertTrue(e.getMessage().contains(registry.host() + "/team/app"), e.getMessage());
    assertTrue(e.getMessage().contains("MANIFEST_UNKNOWN"), e.getMessage());
  }

  @Test
  void deniedPushNamesTheRepositoryAndTheAction() throws Exception {
    registry.enqueueBody(403, "{\"errors\":[{\"code\":\"DENIED\",\"message\":\"requested access to the resource is denied\"}]}");

    AccessDeniedException e = assertThrows(AccessDeniedException.class,
        () -> registry.repository().push(manifest.descriptor(), new ByteArrayInputStream(manifest.bytes())));

    assertTrue(e.getMessage().startsWith("push access to " + registry.host() + "/team/app denied"), e.getMessage());
  }

  @Test
  void unauthorizedIsReportedAsSuch() throws Exception {
    registry.enqueueBody(401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");

    UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> registry.repository().fetchManifest("v1"));

    assertTrue(e.getMessage().contains("pull"), e.getMessage());
  }

  @Test
  void refusedDeleteIsUnsupported() throws Exception {
    registry.enqueueBody(200, json, "Content-Type", MediaTypes.OCI_MANIFEST); // reads the subject first
    registry.enqueueBody(405, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"The operation is unsupported.\"}]}");

    assertThrows(UnsupportedException.class, () -> registry.repository().delete(manifest.descriptor()));
  }
}
