package dev.berth.auth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * A registry and its token endpoint on one MockWebServer, behaving like distribution with token auth:
 * requests under {@code /v2/} need a token it issued (else a Bearer challenge naming the scope the path
 * needs), and {@code /token} issues numbered tokens. Both sides are recorded for the test to assert.
 */
final class FakeTokenRegistry extends Dispatcher {
  final MockWebServer server;
  final String service = "fake-registry";
  final List<RecordedRequest> tokenRequests = Collections.synchronizedList(new ArrayList<>());
  final List<RecordedRequest> registryRequests = Collections.synchronizedList(new ArrayList<>());
  private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
  private final AtomicInteger issued = new AtomicInteger();
  /** The token's {@code expires_in}; null leaves the field out. */
  volatile Long expiresIn = 300L;
  /** {@code token} (docker) or {@code access_token} (OAuth2). */
  volatile String tokenField = "token";
  volatile long tokenDelayMillis = 0;
  volatile boolean postAllowed = true;
  /** What the token endpoint answers instead of a token, when set. */
  volatile Function<RecordedRequest, MockResponse> tokenOverride;

  FakeTokenRegistry(MockWebServer server) {
    this.server = server;
    server.setDispatcher(this);
  }

  String realm() {
    return server.url("/token").toString();
  }

  /** Makes every token issued so far invalid, as a registry does when it rotates its signing key. */
  void revokeAll() {
    validTokens.clear();
  }

  int tokenCount() {
    return tokenRequests.size();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.getUrl().encodedPath().equals("/token")) {
      tokenRequests.add(request);
      if (request.getMethod().equals("POST") && !postAllowed) {
        return new MockResponse.Builder().code(405).build();
      }
      if (tokenOverride != null) {
        return tokenOverride.apply(request);
      }
      String token = "tok-" + issued.incrementAndGet();
      validTokens.add(token);
      return new MockResponse.Builder()
          .headersDelay(tokenDelayMillis, TimeUnit.MILLISECONDS)
          .setHeader("Content-Type", "application/json")
          .body("{\"" + tokenField + "\":\"" + token + "\""
              + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn) + "}")
          .build();
    }
    registryRequests.add(request);
    String authorization = request.getHeaders().get("Authorization");
    if (authorization != null && authorization.startsWith("Bearer ")
        && validTokens.contains(authorization.substring(7))) {
      return new MockResponse.Builder().code(request.getMethod().equals("POST") ? 202 : 200).build();
    }
    return new MockResponse.Builder().code(401)
        .setHeader("WWW-Authenticate", "Bearer realm=\"" + realm() + "\",service=\"" + service + "\""
            + scopeParam(request))
        .body("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}")
        .build();
  }

  /** The scope distribution names in its challenge: the repository from the path, pull or pull,push. */
  private static String scopeParam(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    int end = path.indexOf("/blobs/");
    if (end < 0) {
      end = path.indexOf("/manifests/");
    }
    if (!path.startsWith("/v2/") || end < 0) {
      return "";
    }
    String name = path.substring(4, end);
    boolean write = !request.getMethod().equals("GET") && !request.getMethod().equals("HEAD");
    return ",scope=\"repository:" + name + (write ? ":pull,push\"" : ":pull\"");
  }
}
