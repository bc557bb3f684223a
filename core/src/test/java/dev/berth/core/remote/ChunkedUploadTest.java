package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.MediaTypes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.net.SocketException;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChunkedUploadTest {
  private static final int CHUNK = 4096;
  private final MockRegistry registry;
  private final byte[] content = new byte[10_000];
  private final Descriptor blob;

  ChunkedUploadTest() throws IOException {
    registry = new MockRegistry();
    new Random(7).nextBytes(content);
    blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, content);
  }

  @AfterEach
  void close() {
    registry.close();
  }

  private Repository chunkedRepository() {
    return registry.clientBuilder().chunkedUploads(true).chunkSize(CHUNK).build()
        .repository(registry.host() + "/team/app");
  }

  @Test
  void chunksArePatchedWithContentRangeFollowingEachNewLocationThenClosedWithPut() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/s?n=0");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/s?n=1", "Range", "0-4095");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/s?n=2", "Range", "0-8191");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/s?n=3", "Range", "0-9999");
    registry.enqueue(201);

    chunkedRepository().push(blob, new ByteArrayInputStream(content));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    assertPatch(registry.take("PATCH", "/v2/team/app/blobs/uploads/s"), "0", 0, 4096);
    assertPatch(registry.take("PATCH", "/v2/team/app/blobs/uploads/s"), "1", 4096, 8192);
    assertPatch(registry.take("PATCH", "/v2/team/app/blobs/uploads/s"), "2", 8192, 10_000);
    RecordedRequest put = registry.take("PUT", "/v2/team/app/blobs/uploads/s");
    assertEquals("3", put.getUrl().queryParameter("n"));
    assertEquals(blob.digest().toString(), put.getUrl().queryParameter("digest"));
    assertEquals(0, put.getBodySize());
    registry.assertNoMoreRequests();
  }

  @Test
  void theRegistrysMinimumChunkLengthRaisesTheChunkSize() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/m", "OCI-Chunk-Min-Length", "8000");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/m");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/m");
    registry.enqueue(201);

    chunkedRepository().push(blob, new ByteArrayInputStream(content));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    assertEquals("0-7999", registry.take("PATCH", "/v2/team/app/blobs/uploads/m").getHeaders().get("Content-Range"));
    assertEquals("8000-9999", registry.take("PATCH", "/v2/team/app/blobs/uploads/m").getHeaders().get("Content-Range"));
    registry.take("PUT", "/v2/team/app/blobs/uploads/m");
  }

  @Test
  void aWrongLastChunkIsNeverSentAndTheUploadIsAborted() throws Exception {
    byte[] wrong = content.clone();
    wrong[9_999] ^= 1;
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/w");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/w");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/w");
    registry.enqueue(204);

    assertThrows(DigestMismatchException.class, () -> chunkedRepository().push(blob, new ByteArrayInputStream(wrong)));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    registry.take("PATCH", "/v2/team/app/blobs/uploads/w");
    registry.take("PATCH", "/v2/team/app/blobs/uploads/w");
    registry.take("DELETE", "/v2/team/app/blobs/uploads/w");
    registry.assertNoMoreRequests();
  }

  @Test
  void aResetMidPatchResumesFromTheRegistrysRange() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/r?s=1");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/r?s=2", "Range", "0-4095");
    // The second PATCH breaks on the way; the registry says it kept 1000 of its bytes (0..5095 in all).
    registry.enqueue(204, "Location", "/v2/team/app/blobs/uploads/r?s=3", "Range", "bytes=0-5095");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/r?s=4", "Range", "0-8191");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/r?s=5", "Range", "0-9999");
    registry.enqueue(201);
    AtomicBoolean broken = new AtomicBoolean();
    Repository repo = registry.clientBuilder().chunkedUploads(true).chunkSize(CHUNK)
        .addNetworkInterceptor(chain -> {
          if ("s=2".equals(chain.request().url().query()) && chain.request().method().equals("PATCH")
              && broken.compareAndSet(false, true)) {
            throw new SocketException("Connection reset");
          }
          return chain.proceed(chain.request());
        })
        .build().repository(registry.host() + "/team/app");

    repo.push(blob, new ByteArrayInputStream(content));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    assertEquals("0-4095", registry.take("PATCH", "/v2/team/app/blobs/uploads/r").getHeaders().get("Content-Range"));
    assertEquals("s=2", registry.take("GET", "/v2/team/app/blobs/uploads/r").getUrl().query());
    RecordedRequest resumed = registry.take("PATCH", "/v2/team/app/blobs/uploads/r");
    assertEquals("s=3", resumed.getUrl().query());
    assertEquals("5096-8191", resumed.getHeaders().get("Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(content, 5096, 8192), resumed.getBody().toByteArray());
    assertEquals("8192-9999", registry.take("PATCH", "/v2/team/app/blobs/uploads/r").getHeaders().get("Content-Range"));
    RecordedRequest put = registry.take("PUT", "/v2/team/app/blobs/uploads/r");
    assertEquals("s=5&digest=" + blob.digest(), put.getUrl().query());
    registry.assertNoMoreRequests();
  }

  @Test
  void anUploadTheRegistryForgotDuringTheFirstChunkStartsOver() throws Exception {
    registry.enqueue(404);
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/old");
    registry.enqueueBody(404, "{\"errors\":[{\"code\":\"BLOB_UPLOAD_UNKNOWN\",\"message\":\"blob upload unknown\"}]}");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/new");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/new");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/new");
    registry.enqueue(202, "Location", "/v2/team/app/blobs/uploads/new");
    registry.enqueue(201);

    chunkedRepository().push(blob, new ByteArrayInputStream(content));

    registry.take("HEAD", "/v2/team/app/blobs/" + blob.digest());
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    registry.take("PATCH", "/v2/team/app/blobs/uploads/old");
    registry.take("POST", "/v2/team/app/blobs/uploads/");
    assertEquals("0-4095", registry.take("PATCH", "/v2/team/app/blobs/uploads/new").getHeaders().get("Content-Range"));
    registry.take("PATCH", "/v2/team/app/blobs/uploads/new");
    registry.take("PATCH", "/v2/team/app/blobs/uploads/new");
    registry.take("PUT", "/v2/team/app/blobs/uploads/new");
  }

  private static MockResponse response(int code, String... headers) {
    return new MockResponse.Builder().code(code).headers(Headers.of(headers)).body(new Buffer()).build();
  }

  private void assertPatch(RecordedRequest patch, String n, int from, int to) {
    assertEquals(n, patch.getUrl().queryParameter("n"));
    assertEquals(from + "-" + (to - 1), patch.getHeaders().get("Content-Range"));
    assertEquals("application/octet-stream", patch.getHeaders().get("Content-Type"));
    assertArrayEquals(Arrays.copyOfRange(content, from, to), patch.getBody().toByteArray());
  }
}
