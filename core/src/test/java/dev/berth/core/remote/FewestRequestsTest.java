package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The round trips a copy to and from a registry costs: each one the protocol needs, and no other. */
class FewestRequestsTest {
  private static final CopyOptions ONE_AT_A_TIME = CopyOptions.builder().concurrency(1).build();

  private final MockRegistry registry = new MockRegistry();
  private final MemoryStore source = new MemoryStore();

  FewestRequestsTest() throws IOException {}

  @AfterEach
  void close() {
    registry.close();
  }

  private EncodedManifest artifact(String tag, String layerText) throws IOException {
    Contents.pushBytes(source, MediaTypes.OCI_EMPTY, Descriptor.emptyJsonContent());
    Descriptor layer = Contents.pushBytes(source, MediaTypes.OCI_LAYER_TAR, layerText.getBytes(StandardCharsets.UTF_8));
    EncodedManifest m = EncodedManifest.of(Manifest.artifact("application/vnd.test", List.of(layer)));
    Contents.pushManifest(source, m, tag);
    return m;
  }

  private void enqueueUpload(String session) {
    registry.enqueue(404); // HEAD
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/" + session); // POST
    registry.enqueue(201); // PUT
  }

  @Test
  void taggedCopyPutsTheRootManifestOnceUnderItsTag() throws Exception {
    EncodedManifest m = artifact("v1", "layer one");
    registry.enqueue(404); // HEAD of the root manifest
    enqueueUpload("u1");
    enqueueUpload("u2");
    registry.enqueue(201, "Docker-Content-Digest", m.digest().toString());

    Copier.copy(source, "v1", registry.repository(), "v1", ONE_AT_A_TIME);

    registry.take("HEAD", "/v2/team/app/manifests/" + m.digest());
    for (int blob = 0; blob < 2; blob++) {
      assertEquals("HEAD", registry.server.takeRequest().getMethod());
      registry.take("POST", "/v2/team/app/blobs/uploads/");
      assertEquals("PUT", registry.server.takeRequest().getMethod());
    }
    RecordedRequest put = registry.take("PUT", "/v2/team/app/manifests/v1");
    assertArrayEquals(m.bytes(), put.getBody().toByteArray());
    registry.assertNoMoreRequests();
  }

  @Test
  void aBlobThisClientPushedIsNotAskedForAgain() throws Exception {
    EncodedManifest first = artifact("a", "layer a");
    EncodedManifest second = artifact("b", "layer b");
    Repository repo = registry.repository();
    registry.enqueue(404);
    enqueueUpload("u1");
    enqueueUpload("u2");
    registry.enqueue(201);
    Copier.copy(source, "a", repo, "a", ONE_AT_A_TIME);
    for (int i = 0; i < 8; i++) {
      registry.server.takeRequest();
    }
    registry.enqueue(404); // HEAD of the second root
    enqueueUpload("u3"); // its own layer; the shared config was pushed a moment ago
    registry.enqueue(201);

    Copier.copy(source, "b", repo, "b", ONE_AT_A_TIME);

    registry.take("HEAD", "/v2/team/app/manifests/" + second.digest());
    RecordedRequest head = registry.server.takeRequest();
    assertEquals("HEAD", head.getMethod());
    assertTrue(head.getUrl().encodedPath().endsWith(second.manifest().layers().get(0).digest().toString()));
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    registry.take("PUT", "/v2/team/app/blobs/uploads/u3");
    registry.take("PUT", "/v2/team/app/manifests/b");
    registry.assertNoMoreRequests();
    assertEquals(first.manifest().config(), second.manifest().config());
  }

  @Test
  void copyFromARegistryGetsTheTaggedManifestOnceWithoutAHead() throws Exception {
    EncodedManifest m = artifact("v1", "layer one");
    registry.enqueueBody(200, new String(m.bytes(), StandardCharsets.UTF_8), "Content-Type", m.mediaType(),
        "Docker-Content-Digest", m.digest().toString());
    registry.enqueueBody(200, "{}");
    registry.enqueueBody(200, "layer one");
    MemoryStore destination = new MemoryStore();

    Descriptor root = Copier.copy(registry.repository(), "v1", destination, null, ONE_AT_A_TIME);

    assertEquals(m.digest(), root.digest());
    registry.take("GET", "/v2/team/app/manifests/v1");
    registry.take("GET", "/v2/team/app/blobs/" + m.manifest().config().digest());
    registry.take("GET", "/v2/team/app/blobs/" + m.manifest().layers().get(0).digest());
    registry.assertNoMoreRequests();
    assertEquals(root.digest(), destination.resolve("v1").digest());
  }

  @Test
  void pushReferenceOfAManifestIsOnePutUnderTheTag() throws Exception {
    EncodedManifest m = artifact("v1", "layer one");
    registry.enqueue(201);

    registry.repository().pushReference(m.descriptor(), new ByteArrayInputStream(m.bytes()), "v2");

    registry.take("PUT", "/v2/team/app/manifests/v2");
    registry.assertNoMoreRequests();
  }
}
