package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.MediaTypes;
import dev.berth.testkit.Fault;
import dev.berth.testkit.FaultProxy;
import dev.berth.testkit.FaultRule;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.RequestMatcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** berth against a real registry behind a fault-injecting proxy: resets, truncation, 503 and 429. */
class RegistryFaultsIT {
  private static RegistryServer server;
  private static FaultProxy proxy;
  private static int counter;
  private final byte[] content = new byte[1 << 20];
  private Descriptor blob;
  private Repository repo;

  @BeforeAll
  static void start() {
    server = RegistryServer.builder().start();
    proxy = FaultProxy.inFrontOf(server);
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void freshRepository() {
    proxy.clearRules();
    new Random(++counter).nextBytes(content);
    blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, content);
    repo = client(false).repository(proxy.host() + "/faults/repo" + counter);
  }

  private RegistryClient client(boolean chunked) {
    return RegistryClient.builder().plainHttp(proxy.host()).chunkedUploads(chunked).chunkSize(256 * 1024)
        .retryPolicy(RetryPolicy.defaults().withBackoff(Duration.ofMillis(10), Duration.ofMillis(50))).build();
  }

  @Test
  void aDownloadCutShortResumesWithRangeAndVerifies() throws Exception {
    repo.push(blob, new ByteArrayInputStream(content));
    FaultRule cut = proxy.add(FaultRule.when(RequestMatcher.request("GET", "/blobs/sha256:"))
        .then(Fault.truncateBody(300_000)).times(1));
    FaultRule reset = proxy.add(FaultRule.when(RequestMatcher.request("GET", "/blobs/sha256:"))
        .then(Fault.resetResponseBodyAfter(200_000)).times(1)); // the resumed GET: the first rule is spent

    try (InputStream in = repo.fetch(blob)) {
      assertArrayEquals(content, in.readAllBytes());
    }

    assertEquals(1, cut.fired());
    assertEquals(1, reset.fired());
  }

  @Test
  void aFlippedByteIsADigestMismatchNotAResume() throws Exception {
    repo.push(blob, new ByteArrayInputStream(content));
    proxy.add(FaultRule.when(RequestMatcher.request("GET", "/blobs/sha256:")).then(Fault.flipByte()).times(1));

    try (InputStream in = repo.fetch(blob)) {
      assertThrows(DigestMismatchException.class, in::readAllBytes);
    }
  }

  @Test
  void serverErrorsAndRateLimitsOnReplayableRequestsAreRetried() throws Exception {
    FaultRule unavailable = proxy.add(FaultRule.when(RequestMatcher.method("HEAD")).then(Fault.serviceUnavailable())
        .times(2));
    FaultRule limited = proxy.add(FaultRule.when(RequestMatcher.method("POST"))
        .then(Fault.tooManyRequests(Duration.ofSeconds(1))).times(1));

    repo.push(blob, new ByteArrayInputStream(content));

    assertEquals(2, unavailable.fired());
    assertEquals(1, limited.fired());
    assertTrue(repo.exists(blob));
  }

  @Test
  void aMonolithicPutResetMidBodyStartsOverWhenTheContentCanBeReopened() throws Exception {
    FaultRule reset = proxy.add(FaultRule.when(RequestMatcher.method("PUT"))
        .then(Fault.resetRequestBodyAfter(100_000)).times(1));

    repo.push(blob, () -> new ByteArrayInputStream(content));

    assertEquals(1, reset.fired());
    try (InputStream in = repo.fetch(blob)) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void aOneShotStreamThatBreaksFailsAndLeavesNoBlob() throws Exception {
    proxy.add(FaultRule.when(RequestMatcher.method("PUT")).then(Fault.resetRequestBodyAfter(100_000)).times(1));

    assertThrows(IOException.class, () -> repo.push(blob, new ByteArrayInputStream(content)));

    proxy.clearRules();
    assertTrue(!repo.exists(blob));
  }

  @Test
  void aChunkedUploadSurvivesABrokenPatch() throws Exception {
    Repository chunked = client(true).repository(proxy.host() + "/faults/chunked" + counter);
    // distribution cancels an upload whose PATCH broke mid-body, so berth starts a fresh session.
    FaultRule reset = proxy.add(FaultRule.when(RequestMatcher.method("PATCH"))
        .then(Fault.resetRequestBodyAfter(50_000)).afterSkipping(2).times(1));

    chunked.push(blob, () -> new ByteArrayInputStream(content));

    assertEquals(1, reset.fired());
    try (InputStream in = chunked.fetch(blob)) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }

  @Test
  void aChunkedUploadToTheRealRegistryLandsIntact() throws Exception {
    Repository chunked = client(true).repository(proxy.host() + "/faults/plainchunked" + counter);

    chunked.push(blob, new ByteArrayInputStream(content));

    try (InputStream in = chunked.fetch(blob)) {
      assertArrayEquals(content, in.readAllBytes());
    }
  }
}
