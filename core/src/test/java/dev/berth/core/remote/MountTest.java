package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.berth.core.Descriptor;
import dev.berth.core.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MountTest {
  private final MockRegistry registry;
  private final byte[] content = "shared layer".getBytes(StandardCharsets.UTF_8);
  private final Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, content);

  MountTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void a201MountIsOnePostAndNoUpload() throws Exception {
    registry.enqueue(201, "Location", "/v2/team/app/blobs/" + blob.digest());
    AtomicInteger opened = new AtomicInteger();

    registry.repository().mount(blob, "team/base", () -> {
      opened.incrementAndGet();
      return new ByteArrayInputStream(content);
    });

    RecordedRequest post = registry.take("POST", "/v2/team/app/blobs/uploads/");
    assertEquals(blob.digest().toString(), post.getUrl().queryParameter("mount"));
    assertEquals("team/base", post.getUrl().queryParameter("from"));
    registry.assertNoMoreRequests();
    assertEquals(0, opened.get());
  }

  @Test
  void a202MountCarriesOnUploadingOnTheSessionItOpened() throws Exception {
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/m1?_state=s");
    registry.enqueue(201);

    registry.repository().mount(blob, "team/base", () -> new ByteArrayInputStream(content));

    registry.take("POST", "/v2/team/app/blobs/uploads/");
    RecordedRequest put = registry.take("PUT", "/v2/team/app/blobs/uploads/m1");
    assertEquals("s", put.getUrl().queryParameter("_state"));
    assertEquals(blob.digest().toString(), put.getUrl().queryParameter("digest"));
    assertArrayEquals(content, put.getBody().toByteArray());
    registry.assertNoMoreRequests();
  }

  @Test
  void aMountedBlobNeedsNoHeadBeforeALaterPush() throws Exception {
    registry.enqueue(201);
    Repository repo = registry.repository();

    repo.mount(blob, "team/base", () -> new ByteArrayInputStream(content));
    repo.push(blob, new ByteArrayInputStream(content));

    registry.take("POST", "/v2/team/app/blobs/uploads/");
    registry.assertNoMoreRequests();
  }
}
