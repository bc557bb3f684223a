package dev.berth.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;

/**
 * ghcr.io's authentication as it behaves on the wire: {@code /v2/} only takes bearer tokens (Basic is
 * answered with the same challenge), the token endpoint answers 405 to POST and takes GET with Basic
 * {@code user:PAT}, and anonymous GET tokens grant pull on public repositories only.
 */
final class FakeGhcr extends Dispatcher {
  static final String USER = "octocat";
  static final String PAT = "ghp_good";
  static final String PUBLIC_REPO = "octocat/public";
  static final String PRIVATE_REPO = "octocat/private";

  final MockWebServer server;
  final List<RecordedRequest> tokenRequests = Collections.synchronizedList(new ArrayList<>());
  final List<RecordedRequest> registryRequests = Collections.synchronizedList(new ArrayList<>());

  FakeGhcr(MockWebServer server) {
    this.server = server;
    server.setDispatcher(this);
  }

  String host() {
    return server.url("/").host() + ":" + server.getPort();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if (request.getUrl().encodedPath().equals("/token")) {
      tokenRequests.add(request);
      return token(request);
    }
    registryRequests.add(request);
    String authorization = request.getHeaders().get("Authorization");
    String path = request.getUrl().encodedPath();
    if (authorization != null && authorization.startsWith("Bearer ")) {
      String token = authorization.substring(7);
      if (path.equals("/v2/") && token.startsWith("user:")) {
        return new MockResponse.Builder().body("{}").build();
      }
      if (token.equals("user:" + USER) || (token.equals("anonymous") && path.startsWith("/v2/" + PUBLIC_REPO + "/")
          && request.getMethod().equals("GET"))) {
        return new MockResponse.Builder().code(request.getMethod().equals("POST") ? 202 : 200).build();
      }
    }
    String repository = path.startsWith("/v2/" + PRIVATE_REPO) ? PRIVATE_REPO
        : path.startsWith("/v2/" + PUBLIC_REPO) ? PUBLIC_REPO : "user/image";
    String actions = request.getMethod().equals("GET") || request.getMethod().equals("HEAD") ? "pull" : "pull,push";
    return new MockResponse.Builder().code(401)
        .setHeader("WWW-Authenticate", "Bearer realm=\"" + server.url("/token") + "\",service=\"ghcr.io\","
            + "scope=\"repository:" + repository + ":" + actions + "\"")
        .body("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}")
        .build();
  }

  private MockResponse token(RecordedRequest request) {
    if (!request.getMethod().equals("GET")) {
      return new MockResponse.Builder().code(405).build();
    }
    String authorization = request.getHeaders().get("Authorization");
    if (authorization == null) {
      return json("anonymous");
    }
    String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PAT).getBytes(StandardCharsets.UTF_8));
    if (!authorization.equals(expected)) {
      return new MockResponse.Builder().code(401)
          .body("{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}").build();
    }
    return json("user:" + USER);
  }

  private static MockResponse json(String token) {
    // ghcr.io's tokens are opaque base64 strings, not JWTs; it sends no expires_in.
    return new MockResponse.Builder().setHeader("Content-Type", "application/json")
        .body("{\"token\":\"" + token + "\"}").build();
  }
}
