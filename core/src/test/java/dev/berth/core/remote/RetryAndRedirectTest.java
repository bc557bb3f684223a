package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Descriptor;
import dev.berth.core.MediaTypes;
import dev.berth.core.RateLimitedException;
import dev.berth.core.RegistryErrorException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RetryAndRedirectTest {
  private final MockRegistry registry;
  private final byte[] content = "blob bytes".getBytes(StandardCharsets.UTF_8);
  private final Descriptor blob = Descriptor.of(MediaTypes.OCI_LAYER_TAR, content);

  RetryAndRedirectTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void a503IsRetriedAfterABackoffAndTheSecondAnswerWins() throws Exception {
    registry.enqueue(503);
    registry.enqueueBody(200, "{\"tags\":[\"v1\"]}");

    assertEquals(java.util.List.of("v1"), registry.repository().tags());

    registry.take("GET", "/v2/team/app/tags/list");
    registry.take("GET", "/v2/team/app/tags/list");
    assertEquals(1, registry.sleeps.size());
    Duration wait = registry.sleeps.get(0);
    assertTrue(wait.toMillis() >= 100 && wait.toMillis() <= 200, "jittered first backoff: " + wait);
  }

  @Test
  void a429WaitsExactlyAsLongAsRetryAfterSays() throws Exception {
    registry.enqueue(429, "Retry-After", "3");
    registry.enqueueBody(200, "{\"tags\":[]}");

    registry.repository().tags();

    assertEquals(java.util.List.of(Duration.ofSeconds(3)), registry.sleeps);
  }

  @Test
  void retryAfterLongerThanTheCapReturnsTheAnswerInsteadOfWaiting() throws Exception {
    registry.enqueue(429, "Retry-After", "3600");

    RateLimitedException e = assertThrows(RateLimitedException.class, () -> registry.repository().tags());

    assertEquals(429, e.status());
    assertTrue(registry.sleeps.isEmpty());
  }

  @Test
  void attemptsAreBounded() throws Exception {
    for (int i = 0; i < 5; i++) {
      registry.enqueue(502);
    }

    assertThrows(RegistryErrorException.class, () -> registry.repository().tags());

    assertEquals(4, registry.sleeps.size());
    assertEquals(5, registry.server.getRequestCount());
  }

  @Test
  void a307ToAnotherHostCarriesNoAuthorization() throws Exception {
    try (MockWebServer storage = new MockWebServer()) {
      storage.start();
      storage.enqueue(new mockwebserver3.MockResponse.Builder().code(200).body(new okio.Buffer().write(content)).build());
      registry.enqueue(401, "WWW-Authenticate", "Basic realm=\"registry\"");
      registry.enqueue(307, "Location", storage.url("/blobs/abc?X-Amz-Signature=s3cr3t").toString());
      RegistryClient client = registry.clientBuilder()
          .credentials(CredentialProvider.of(Credential.basic("alice", "secret"))).build();

      byte[] got;
      try (InputStream in = client.repository(registry.host() + "/team/app").fetch(blob)) {
        got = in.readAllBytes();
      }

      assertArrayEquals(content, got);
      assertNull(registry.take("GET", "/v2/team/app/blobs/" + blob.digest()).getHeaders().get("Authorization"));
      RecordedRequest withAuth = registry.take("GET", "/v2/team/app/blobs/" + blob.digest());
      assertNotNull(withAuth.getHeaders().get("Authorization"));
      RecordedRequest atStorage = storage.takeRequest();
      assertEquals("/blobs/abc", atStorage.getUrl().encodedPath());
      assertNull(atStorage.getHeaders().get("Authorization"));
      assertNull(atStorage.getHeaders().get("Cookie"));
    }
  }

  @Test
  void warning299TextsReachTheListener() throws Exception {
    registry.enqueueBody(200, "{\"tags\":[]}", "Warning", "299 - \"this repository is deprecated\"");

    registry.repository().tags();

    assertEquals(java.util.List.of("this repository is deprecated"), registry.warnings);
  }
}
