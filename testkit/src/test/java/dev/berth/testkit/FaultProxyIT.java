package dev.berth.testkit;

import static dev.berth.testkit.OciHttp.sha256;
import static dev.berth.testkit.OciHttp.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyIT {
  private static RegistryServer registry;
  private static byte[] blob;
  private static String blobDigest;
  private FaultProxy proxy;
  private OkHttpClient client;

  @BeforeAll
  static void startRegistry() throws IOException {
    registry = RegistryServer.start();
    blob = new byte[200_000];
    new Random(7).nextBytes(blob);
    blobDigest = OciHttp.pushBlob(new OkHttpClient(), registry.baseUrl(), "team/app", blob, null);
  }

  @AfterAll
  static void stopRegistry() {
    registry.close();
  }

  @BeforeEach
  void startProxy() {
    proxy = FaultProxy.builder().target(registry).seed(42).start();
    // No silent retries: every fault must reach the test.
    client = new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  }

  @AfterEach
  void stopProxy() {
    client.connectionPool().evictAll();
    proxy.close();
  }

  @Test
  void passesThroughWithKeepAliveAndStreamsA64MiBBlobBothWays() throws Exception {
    long size = 64L * 1024 * 1024;
    MessageDigest sent = MessageDigest.getInstance("SHA-256");
    RequestBody generated = new RequestBody() {
      @Override
      public MediaType contentType() {
        return OciHttp.OCTETS;
      }

      @Override
      public long contentLength() {
        return size;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        Random random = new Random(99);
        byte[] piece = new byte[64 * 1024];
        for (long written = 0; written < size; written += piece.length) {
          random.nextBytes(piece);
          sent.update(piece);
          sink.write(piece);
        }
      }
    };
    String location;
    try (Response response = client.newCall(new Request.Builder().url(proxy.baseUrl() + "/v2/big/blob/blobs/uploads/")
        .post(RequestBody.create(new byte[0])).build()).execute()) {
      assertEquals(202, response.code());
      location = response.header("Location");
      assertTrue(location.contains(proxy.host()), "the registry builds upload URLs from the Host header: " + location);
    }
    try (Response response = client.newCall(new Request.Builder().url(location).patch(generated).build()).execute()) {
      assertEquals(202, response.code(), response.body().string());
      assertEquals("0-" + (size - 1), response.header("Range"));
      location = response.header("Location");
    }
    String digest = "sha256:" + HexFormat.of().formatHex(sent.digest());
    try (Response response = client.newCall(new Request.Builder()
        .url(HttpUrl.get(location).newBuilder().addQueryParameter("digest", digest).build())
        .put(RequestBody.create(new byte[0])).build()).execute()) {
      assertEquals(201, response.code(), response.body().string());
    }
    MessageDigest received = MessageDigest.getInstance("SHA-256");
    long count = 0;
    try (Response response = client.newCall(new Request.Builder().url(proxy.baseUrl() + "/v2/big/blob/blobs/" + digest)
        .build()).execute(); InputStream in = response.body().byteStream()) {
      assertEquals(200, response.code());
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; count += n) {
        received.update(buffer, 0, n);
      }
    }
    assertEquals(size, count);
    assertEquals(digest, "sha256:" + HexFormat.of().formatHex(received.digest()));
    assertEquals(4, proxy.requestsSeen());
    assertEquals(1, proxy.connectionsAccepted());
    assertEquals(0, proxy.faultsInjected());
  }

  @Test
  void servesConcurrentConnections() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
    try {
      List<java.util.concurrent.Future<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        results.add(pool.submit(() -> getBlob(blobDigest)));
      }
      for (java.util.concurrent.Future<byte[]> result : results) {
        assertArrayEquals(blob, result.get());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(60, proxy.requestsSeen());
    assertTrue(proxy.connectionsAccepted() <= 6, "connections are reused: " + proxy.connectionsAccepted());
  }

  @Test
  void chunkedRequestBodiesPassThrough() throws Exception {
    byte[] data = utf8("streamed without a length");
    RequestBody chunked = new RequestBody() {
      @Override
      public MediaType contentType() {
        return OciHttp.OCTETS;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        sink.write(data, 0, 10).flush();
        sink.write(data, 10, data.length - 10);
      }
    };
    String location;
    try (Response response = client.newCall(new Request.Builder().url(proxy.baseUrl() + "/v2/team/app/blobs/uploads/")
        .post(RequestBody.create(new byte[0])).build()).execute()) {
      location = response.header("Location");
    }
    try (Response response = client.newCall(new Request.Builder().url(location).patch(chunked).build()).execute()) {
      assertEquals(202, response.code());
      location = response.header("Location");
    }
    try (Response response = client.newCall(new Request.Builder()
        .url(HttpUrl.get(location).newBuilder().addQueryParameter("digest", sha256(data)).build())
        .put(RequestBody.create(new byte[0])).build()).execute()) {
      assertEquals(201, response.code());
    }
    assertArrayEquals(data, getBlob(sha256(data)));
  }

  @Test
  void answers503And429WithRetryAfterThenPassesThrough() throws Exception {
    proxy.add(FaultRule.when(RequestMatcher.blobsAndUploads()).then(Fault.serviceUnavailable()).times(1));
    proxy.add(FaultRule.when(RequestMatcher.blobsAndUploads()).then(Fault.tooManyRequests(Duration.ofSeconds(2)))
        .times(1));
    try (Response response = get("/v2/team/app/blobs/" + blobDigest)) {
      assertEquals(503, response.code());
      assertTrue(response.body().string().contains("UNAVAILABLE"));
    }
    try (Response response = get("/v2/team/app/blobs/" + blobDigest)) {
      assertEquals(429, response.code());
      assertEquals("2", response.header("Retry-After"));
    }
    assertArrayEquals(blob, getBlob(blobDigest));
    assertEquals(2, proxy.faultsInjected());
    assertEquals(3, proxy.requestsSeen());
    assertEquals(1, proxy.connectionsAccepted(), "injected answers keep the connection alive");
  }

  @Test
  void injectedStatusDrainsAnUploadBodySoTheClientReadsTheAnswer() throws Exception {
    proxy.add(FaultRule.when(RequestMatcher.method("POST")).then(Fault.status(500)).times(1));
    try (Response response = client.newCall(new Request.Builder().url(proxy.baseUrl() + "/v2/team/app/blobs/uploads/"
        + "?digest=" + sha256(blob)).post(RequestBody.create(blob, OciHttp.OCTETS)).build()).execute()) {
      assertEquals(500, response.code());
    }
    try (Response response = get("/v2/")) {
      assertEquals(200, response.code());
    }
  }

  @Test
  void resetsTheConnectionMidResponseBody() {
    FaultRule rule = proxy.add(FaultRule.when(RequestMatcher.request("GET", "/blobs/sha256:")).then(Fault.resetMidBody())
        .times(1));
    IOException e = assertThrows(IOException.class, () -> getBlob(blobDigest));
    assertTrue(e.getMessage() != null, e.toString());
    assertEquals(1, rule.fired());
    assertEquals(1, proxy.faultsInjected());
  }

  @Test
  void truncatesAResponseBody() throws Exception {
    proxy.add(FaultRule.when(RequestMatcher.blobsAndUploads()).then(Fault.truncateBody(1000)).times(1));
    try (Response response = get("/v2/team/app/blobs/" + blobDigest)) {
      assertEquals(200, response.code());
      assertEquals(String.valueOf(blob.length), response.header("Content-Length"));
      assertThrows(IOException.class, () -> response.body().bytes());
    }
    assertArrayEquals(blob, getBlob(blobDigest));
  }

  @Test
  void flipsOneByteOfAResponseBody() throws Exception {
    proxy.add(FaultRule.when(RequestMatcher.blobsAndUploads()).then(Fault.flipByte()).times(1));
    byte[] tampered = getBlob(blobDigest);
    assertEquals(blob.length, tampered.length);
    assertNotEquals(blobDigest, sha256(tampered));
    int differing = 0;
    for (int i = 0; i < blob.length; i++) {
      differing += blob[i] != tampered[i] ? 1 : 0;
    }
    assertEquals(1, differing);
    assertEquals((byte) ~blob[blob.length / 2], tampered[blob.length / 2]);
  }

  @Test
  void resetMidUploadInvalidatesTheUploadOnDistribution28() throws Exception {
    byte[] data = new byte[1 << 20];
    new Random(3).nextBytes(data);
    proxy.add(FaultRule.when(RequestMatcher.method("PATCH")).then(Fault.resetRequestBodyAfter(300_000)).times(1));
    String location;
    try (Response response = post("/v2/team/app/blobs/uploads/")) {
      location = response.header("Location");
    }
    String at = location;
    assertThrows(IOException.class, () -> client.newCall(new Request.Builder().url(at)
        .patch(RequestBody.create(data, OciHttp.OCTETS)).build()).execute().close());
    // Part of the body reached the registry, so the upload's size no longer matches the offset in
    // the location's _state token: distribution 2.8 then cancels the upload. Clients must start a
    // new upload rather than resume from Range (newer registries may differ). The registry notices the
    // broken body on its own schedule, after the client has already seen the reset, so until it does
    // the upload still answers 204; wait (bounded) for the cancellation instead of racing it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    int code;
    String body;
    do {
      try (Response response = client.newCall(new Request.Builder().url(location).build()).execute()) {
        code = response.code();
        body = response.body().string();
      }
      if (code == 204) {
        Thread.sleep(50);
      }
    } while (code == 204 && System.nanoTime() < deadline);
    assertEquals(404, code, body);
    assertTrue(body.contains("BLOB_UPLOAD_INVALID"), body);
    OciHttp.pushBlob(client, proxy.baseUrl(), "team/app", data, null);
    assertArrayEquals(data, getBlob(sha256(data)));
  }

  @Test
  void resetBeforeResponseLetsTheRegistryCompleteTheRequest() throws Exception {
    byte[] data = utf8("lost answer");
    String location;
    try (Response response = post("/v2/team/app/blobs/uploads/")) {
      location = response.header("Location");
    }
    proxy.add(FaultRule.when(RequestMatcher.method("PUT")).then(Fault.resetBeforeResponse()).times(1));
    HttpUrl complete = HttpUrl.get(location).newBuilder().addQueryParameter("digest", sha256(data)).build();
    assertThrows(IOException.class, () -> client.newCall(new Request.Builder().url(complete)
        .put(RequestBody.create(data, OciHttp.OCTETS)).build()).execute().close());
    assertArrayEquals(data, getBlob(sha256(data)));
  }

  @Test
  void delayAndLatencyHoldRequests() throws Exception {
    proxy.add(FaultRule.when(RequestMatcher.pathContains("/blobs/")).then(Fault.delay(Duration.ofMillis(300))).times(1));
    long start = System.nanoTime();
    assertArrayEquals(blob, getBlob(blobDigest));
    assertTrue(System.nanoTime() - start >= 300_000_000L);
    proxy.latency(Duration.ofMillis(50));
    start = System.nanoTime();
    for (int i = 0; i < 4; i++) {
      try (Response response = get("/v2/")) {
        assertEquals(200, response.code());
      }
    }
    assertTrue(System.nanoTime() - start >= 200_000_000L);
  }

  @Test
  void faultRateIsSeededAndReproducible() throws Exception {
    List<Integer> first = statusesWithTenPercentFaults(proxy);
    try (FaultProxy again = FaultProxy.builder().target(registry).seed(42).start()) {
      assertEquals(first, statusesWithTenPercentFaults(again));
    }
    long failed = first.stream().filter(code -> code == 503).count();
    assertEquals(failed, proxy.faultsInjected());
    assertTrue(failed >= 3 && failed <= 25, "about 10% of 100: " + failed);
  }

  @Test
  void servesTlsInFrontOfATlsRegistry() throws Exception {
    try (TestPki pki = TestPki.create();
        RegistryServer tlsRegistry = RegistryServer.builder().tls(pki).htpasswd("alice", "secret").start();
        FaultProxy tlsProxy = FaultProxy.inFrontOf(tlsRegistry)) {
      assertTrue(tlsProxy.baseUrl().startsWith("https://"));
      OkHttpClient tlsClient = client.newBuilder().sslSocketFactory(pki.sslSocketFactory(), pki.trustManager()).build();
      tlsProxy.add(FaultRule.when(RequestMatcher.method("GET")).then(Fault.status(502)).times(1));
      String auth = okhttp3.Credentials.basic("alice", "secret");
      try (Response response = tlsClient.newCall(new Request.Builder().url(tlsProxy.baseUrl() + "/v2/")
          .header("Authorization", auth).build()).execute()) {
        assertEquals(502, response.code());
      }
      String digest = OciHttp.pushBlob(tlsClient, tlsProxy.baseUrl(), "team/app", blob, auth);
      try (Response response = tlsClient.newCall(new Request.Builder().url(tlsProxy.baseUrl() + "/v2/team/app/blobs/"
          + digest).header("Authorization", auth).build()).execute()) {
        assertArrayEquals(blob, response.body().bytes());
      }
      assertEquals(4, tlsProxy.requestsSeen());
    }
  }

  private List<Integer> statusesWithTenPercentFaults(FaultProxy target) throws IOException {
    target.add(FaultRule.when(RequestMatcher.blobsAndUploads()).then(Fault.serviceUnavailable()).rate(0.1));
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      try (Response response = client.newCall(new Request.Builder().url(target.baseUrl() + "/v2/team/app/blobs/"
          + blobDigest).head().build()).execute()) {
        statuses.add(response.code());
      }
    }
    return statuses;
  }

  private Response get(String path) throws IOException {
    return client.newCall(new Request.Builder().url(proxy.baseUrl() + path).build()).execute();
  }

  private Response post(String path) throws IOException {
    return client.newCall(new Request.Builder().url(proxy.baseUrl() + path).post(RequestBody.create(new byte[0]))
        .build()).execute();
  }

  private byte[] getBlob(String digest) throws IOException {
    try (Response response = get("/v2/team/app/blobs/" + digest)) {
      assertEquals(200, response.code());
      return response.body().bytes();
    }
  }
}
