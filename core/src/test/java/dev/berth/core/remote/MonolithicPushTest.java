package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.MediaTypes;
import dev.berth.core.OciException;
import dev.berth.core.RegistryErrorException;
import dev.berth.core.SizeMismatchException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MonolithicPushTest {
  private final MockRegistry registry;
  private final byte[] content = "hello, registry".getBytes(StandardCharsets.UTF_8);
  private final Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, content);

  MonolithicPushTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void pushSendsHeadThenPostThenPutWithDigestAddedToTheLocationQuery() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "http://" + registry.host() + "/v2/team/app/blobs/uploads/u1?_state=abc");
    registry.enqueue(201, "Docker-Content-Digest", blob.digest().toString());

    registry.repository().push(blob, new ByteArrayInputStream(content));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    RecordedRequest post = registry.take("POST", "/v2/team/app/blobs/uploads/");
    assertEquals("0", post.getHeaders().get("Content-Length"));
    RecordedRequest put = registry.take("PUT", "/v2/team/app/blobs/uploads/u1");
    assertEquals("abc", put.getUrl().queryParameter("_state"));
    assertEquals(blob.digest().toString(), put.getUrl().queryParameter("digest"));
    assertEquals("application/octet-stream", put.getHeaders().get("Content-Type"));
    assertEquals(Long.toString(content.length), put.getHeaders().get("Content-Length"));
    assertArrayEquals(content, put.getBody().toByteArray());
    registry.assertNoMoreRequests();
  }

  @Test
  void relativeUploadLocationIsResolvedAgainstTheRegistry() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/u2?_state=xyz");
    registry.enqueue(201);

    registry.repository().push(blob, new ByteArrayInputStream(content));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    RecordedRequest put = registry.take("PUT", "/v2/team/app/blobs/uploads/u2");
    assertEquals("xyz", put.getUrl().queryParameter("_state"));
    assertEquals(blob.digest().toString(), put.getUrl().queryParameter("digest"));
  }

  @Test
  void blobAlreadyPresentIsNotUploaded() throws Exception {
    registry.enqueue(200, "Content-Length", Long.toString(content.length));

    registry.repository().push(blob, new ByteArrayInputStream(content));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.assertNoMoreRequests();
  }

  @Test
  void pushRightAfterExistsSendsNoSecondHead() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/u3");
    registry.enqueue(201);
    Repository repo = registry.repository();

    assertTrue(!repo.exists(blob));
    repo.push(blob, new ByteArrayInputStream(content));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    registry.take("PUT", "/v2/team/app/blobs/uploads/u3");
    registry.assertNoMoreRequests();
  }

  @Test
  void contentThatIsNotTheDescribedBlobNeverCompletesTheUploadAndTheSessionIsAborted() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/u4");
    registry.enqueue(201); // would be the PUT's answer, had a complete body arrived
    registry.enqueue(204); // the DELETE
    byte[] wrong = "hello, REGISTRY".getBytes(StandardCharsets.UTF_8);

    assertThrows(DigestMismatchException.class,
        () -> registry.repository().push(blob, new ByteArrayInputStream(wrong)));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    RecordedRequest put = registry.server.takeRequest();
    if (put.getMethod().equals("PUT")) {
      // The request may reach the server, but never with its whole body.
      assertTrue(put.getBodySize() < content.length, "PUT carried " + put.getBodySize() + " bytes");
      put = registry.server.takeRequest();
    }
    assertEquals("DELETE /v2/team/app/blobs/uploads/u4", put.getMethod() + " " + put.getUrl().encodedPath());
  }

  @Test
  void aSourceThatVerifiesItselfStillFailsTheUploadBeforeItsLastBytes() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/v1");
    registry.enqueue(201); // would be the PUT's answer, had a complete body arrived
    registry.enqueue(204); // the DELETE
    byte[] wrong = "hello, REGISTRY".getBytes(StandardCharsets.UTF_8);

    assertThrows(DigestMismatchException.class, () -> registry.repository().push(blob,
        new dev.berth.core.content.VerifiedInputStream(new ByteArrayInputStream(wrong), blob)));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    RecordedRequest put = registry.server.takeRequest();
    if (put.getMethod().equals("PUT")) {
      assertTrue(put.getBodySize() < content.length, "PUT carried " + put.getBodySize() + " bytes");
      put = registry.server.takeRequest();
    }
    assertEquals("DELETE /v2/team/app/blobs/uploads/v1", put.getMethod() + " " + put.getUrl().encodedPath());
  }

  @Test
  void shorterContentFailsWithSizeMismatch() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/u5");
    registry.enqueue(204);
    registry.enqueue(204);

    assertThrows(SizeMismatchException.class,
        () -> registry.repository().push(blob, new ByteArrayInputStream(content, 0, 5)));
  }

  @Test
  void rejectedPutIsReportedWithTheRegistrysErrorsAndTheSessionIsAborted() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/u6");
    registry.enqueueBody(400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"digest did not match\"}]}",
        "Content-Type", "application/json");
    registry.enqueue(204);

    OciException e = assertThrows(OciException.class,
        () -> registry.repository().push(blob, new ByteArrayInputStream(content)));

    RegistryErrorException error = assertInstanceOf(RegistryErrorException.class, e);
    assertEquals(400, error.status());
    assertTrue(error.hasCode("DIGEST_INVALID"));
    assertNull(java.net.URI.create(error.url()).getQuery(), "no upload state in messages");
    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    registry.take("PUT", "/v2/team/app/blobs/uploads/u6");
    registry.take("DELETE", "/v2/team/app/blobs/uploads/u6");
  }

  @Test
  void uploadLocationOnAnotherHostIsRefused() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "http://elsewhere.example:9/v2/team/app/blobs/uploads/u7");

    OciException e = assertThrows(OciException.class,
        () -> registry.repository().push(blob, new ByteArrayInputStream(content)));

    assertTrue(e.getMessage().contains("another host"), e.getMessage());
    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    registry.assertNoMoreRequests();
  }

  @Test
  void aOneShotPutAnswered503IsNotRetried() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/u8");
    registry.enqueue(503);
    registry.enqueue(204);

    assertThrows(RegistryErrorException.class,
        () -> registry.repository().push(blob, new ByteArrayInputStream(content)));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    registry.take("PUT", "/v2/team/app/blobs/uploads/u8");
    registry.take("DELETE", "/v2/team/app/blobs/uploads/u8");
    registry.assertNoMoreRequests();
    assertTrue(registry.sleeps.isEmpty());
  }
}
