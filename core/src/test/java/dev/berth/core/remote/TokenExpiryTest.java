package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.Digest;
import dev.berth.core.MediaTypes;
import dev.berth.core.UnauthorizedException;
import dev.berth.core.content.Contents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tokens that expire mid-operation, as a GHCR-like token server gives them (short-lived, without
 * {@code expires_in}): here each token is good for a fixed number of registry requests, which stands in
 * for a lifetime of a few seconds on a slow link without any real waiting. A push of several layers must
 * survive every expiry, including one that hits a streamed upload's PUT.
 */
class TokenExpiryTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final Map<String, AtomicInteger> uses = new ConcurrentHashMap<>();
  private final Set<Digest> stored = ConcurrentHashMap.newKeySet();
  private final AtomicInteger refusedPuts = new AtomicInteger();
  private volatile int usesPerToken = 4;
  private volatile boolean refuseEverything;

  TokenExpiryTest() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/token")) {
          return json("{\"token\":\"tok-" + tokensIssued.incrementAndGet() + "\"}");
        }
        String auth = request.getHeaders().get("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
        if (token == null || refuseEverything || uses.computeIfAbsent(token, t -> new AtomicInteger())
            .incrementAndGet() > usesPerToken) {
          if (request.getMethod().equals("PUT")) {
            refusedPuts.incrementAndGet();
          }
          String challenge = "Bearer realm=\"" + server.url("/token") + "\",service=\"registry\","
              + "scope=\"repository:team/app:pull,push\"" + (token == null ? "" : ",error=\"invalid_token\"");
          MockResponse.Builder refusal = new MockResponse.Builder().code(401).addHeader("WWW-Authenticate", challenge);
          if (!request.getMethod().equals("HEAD")) {
            refusal.body("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
          }
          return refusal.build();
        }
        return registry(request, path);
      }
    });
    server.start();
  }

  private MockResponse registry(RecordedRequest request, String path) {
    if (path.equals("/v2/")) {
      return json("{}");
    }
    if (request.getMethod().equals("HEAD") && path.contains("/blobs/")) {
      Digest d = Digest.parse(path.substring(path.lastIndexOf('/') + 1));
      return stored.contains(d) ? new MockResponse.Builder().code(200).build()
          : new MockResponse.Builder().code(404).build();
    }
    if (request.getMethod().equals("POST") && path.endsWith("/blobs/uploads/")) {
      return new MockResponse.Builder().code(202)
          .addHeader("Location", "/v2/team/app/blobs/uploads/" + java.util.UUID.randomUUID()).build();
    }
    if (request.getMethod().equals("PUT") && path.contains("/blobs/uploads/")) {
      Digest d = Digest.parse(request.getUrl().queryParameter("digest"));
      byte[] body = request.getBody().toByteArray();
      if (!Digest.sha256(body).equals(d)) {
        return new MockResponse.Builder().code(400).body("{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}").build();
      }
      stored.add(d);
      return new MockResponse.Builder().code(201).build();
    }
    if (request.getMethod().equals("DELETE")) {
      return new MockResponse.Builder().code(204).build();
    }
    return new MockResponse.Builder().code(404).build();
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  @AfterEach
  void close() {
    server.close();
  }

  private Repository repository() {
    String host = server.getHostName() + ":" + server.getPort();
    CredentialProvider credentials = CredentialProvider.of(Credential.basic("alice", "secret"));
    return RegistryClient.builder().plainHttp(host).credentials(credentials)
        .retryPolicy(RetryPolicy.defaults().withSleeper(d -> { }))
        .build().repository(host + "/team/app");
  }

  @Test
  void aPushOfManyLayersSurvivesTokensThatExpireMidUpload() throws IOException {
    Repository repo = repository();

    for (int i = 0; i < 8; i++) {
      byte[] layer = ("layer " + i).getBytes(StandardCharsets.UTF_8);
      Contents.pushBytes(repo, MediaTypes.OCI_LAYER_TAR, layer);
      assertTrue(stored.contains(Digest.sha256(layer)), "layer " + i);
    }

    assertTrue(refusedPuts.get() >= 1, "a streamed PUT met an expired token: " + refusedPuts.get());
    assertTrue(tokensIssued.get() >= 4, "a fresh token after each expiry: " + tokensIssued.get());
  }

  @Test
  void a401AfterAFreshTokenIsAnAuthenticationError() {
    Repository repo = repository();
    refuseEverything = true;

    assertThrows(UnauthorizedException.class,
        () -> Contents.pushBytes(repo, MediaTypes.OCI_LAYER_TAR, "x".getBytes(StandardCharsets.UTF_8)));

    assertTrue(tokensIssued.get() <= 2, "no token storm: " + tokensIssued.get());
  }
}
