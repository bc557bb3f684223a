package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.SizeMismatchException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlobFetchTest {
  private final MockRegistry registry;
  private final byte[] content = new byte[100_000];
  private final Descriptor blob;

  BlobFetchTest() throws IOException {
    registry = new MockRegistry();
    new Random(3).nextBytes(content);
    blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, content);
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void aBrokenDownloadResumesWithARangeRequestAndIsVerifiedAsOneStream() throws Exception {
    int half = 40_000;
    registry.enqueue(new MockResponse.Builder().code(200)
        .body(new Buffer().write(Arrays.copyOfRange(content, 0, half)))
        .setHeader("Content-Length", content.length)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
        .build());
    registry.enqueue(new MockResponse.Builder().code(206)
        .body(new Buffer().write(Arrays.copyOfRange(content, half, content.length)))
        .setHeader("Content-Range", "bytes " + half + "-" + (content.length - 1) + "/" + content.length)
        .build());
    List<Long> progress = new CopyOnWriteArrayList<>();
    List<Descriptor> done = new CopyOnWriteArrayList<>();
    Repository repo = registry.clientBuilder().progressListener(new ProgressListener() {
      @Override
      public void onProgress(Descriptor d, long bytesDone, long total) {
        progress.add(bytesDone);
      }

      @Override
      public void onDone(Descriptor d) {
        done.add(d);
      }
    }).build().repository(registry.host() + "/team/app");

    byte[] got;
    try (InputStream in = repo.fetch(blob)) {
      got = in.readAllBytes();
    }

    assertArrayEquals(content, got);
    assertNull(registry.take("GET", "/v2/team/app/blobs/" + blob.digest()).getHeaders().get("Range"));
    assertEquals("bytes=" + half + "-",
        registry.take("GET", "/v2/team/app/blobs/" + blob.digest()).getHeaders().get("Range"));
    assertEquals(content.length, progress.get(progress.size() - 1));
    assertEquals(List.of(blob), done);
  }

  @Test
  void aServerThatIgnoresRangeIsSkippedAhead() throws Exception {
    int half = 30_000;
    registry.enqueue(new MockResponse.Builder().code(200)
        .body(new Buffer().write(Arrays.copyOfRange(content, 0, half)))
        .setHeader("Content-Length", content.length)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
        .build());
    registry.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(content)).build());

    try (InputStream in = registry.repository().fetch(blob)) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void aResumeWhoseSkipAheadFailsClosesItsResponse() throws Exception {
    int half = 30_000;
    registry.enqueue(new MockResponse.Builder().code(200)
        .body(new Buffer().write(Arrays.copyOfRange(content, 0, half)))
        .setHeader("Content-Length", content.length)
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE)
        .build());
    // Ignores the Range, then stalls before the bytes berth must skip: the skip times out.
    registry.enqueue(new MockResponse.Builder().code(200)
        .body(new Buffer().write(content))
        .bodyDelay(30, java.util.concurrent.TimeUnit.SECONDS)
        .build());
    List<java.util.concurrent.atomic.AtomicBoolean> closed = new CopyOnWriteArrayList<>();
    Repository repo = registry.clientBuilder()
        .addNetworkInterceptor(chain -> recordingClose(chain.proceed(chain.request()), closed))
        .timeouts(Duration.ofSeconds(5), Duration.ofMillis(300))
        .maxResumes(1)
        .build().repository(registry.host() + "/team/app");

    try (InputStream in = repo.fetch(blob)) {
      assertThrows(java.net.SocketTimeoutException.class, in::readAllBytes);
    }

    assertEquals(2, closed.size());
    assertTrue(closed.stream().allMatch(java.util.concurrent.atomic.AtomicBoolean::get),
        "every response closed: " + closed);
  }

  /** The response with a body that records, in a new entry of {@code closed}, whether it was closed. */
  private static okhttp3.Response recordingClose(okhttp3.Response response,
      List<java.util.concurrent.atomic.AtomicBoolean> closed) {
    java.util.concurrent.atomic.AtomicBoolean flag = new java.util.concurrent.atomic.AtomicBoolean();
    closed.add(flag);
    okhttp3.ResponseBody body = response.body();
    okio.BufferedSource source = okio.Okio.buffer(new okio.ForwardingSource(body.source()) {
      @Override
      public void close() throws IOException {
        flag.set(true);
        super.close();
      }
    });
    return response.newBuilder().body(okhttp3.ResponseBody.create(source, body.contentType(), body.contentLength()))
        .build();
  }

  @Test
  void wrongBytesFailAtTheEndOfTheStream() throws Exception {
    byte[] wrong = content.clone();
    wrong[500] ^= 1;
    registry.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(wrong)).build());

    try (InputStream in = registry.repository().fetch(blob)) {
      assertThrows(DigestMismatchException.class, in::readAllBytes);
    }
  }

  @Test
  void aDeclaredLengthOtherThanTheDescriptorsIsRefusedUpFront() throws Exception {
    registry.enqueue(new MockResponse.Builder().code(200).body(new Buffer().write(content, 0, 10)).build());

    assertThrows(SizeMismatchException.class, () -> registry.repository().fetch(blob));
  }

  @Test
  void anAbsentBlobIsNotFound() throws Exception {
    registry.enqueueBody(404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}");

    assertThrows(NotFoundException.class, () -> registry.repository().fetch(blob));
  }
}
