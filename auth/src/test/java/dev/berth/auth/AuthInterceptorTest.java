package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthInterceptorTest {
  private static final String REPO = "owner/app";
  private static final Scopes PULL = Scopes.of(Scopes.repository(REPO, "pull"));
  private static final Scopes PUSH = Scopes.of(Scopes.repository(REPO, "pull", "push"));
  private static final Credential USER = Credential.basic("alice", "s3cret-pw");

  @StartStop private final MockWebServer server = new MockWebServer();
  @StartStop private final MockWebServer cdn = new MockWebServer();
  private final MutableClock clock = new MutableClock();
  private final OkHttpClient base = new OkHttpClient();

  @AfterEach
  void everyConnectionIsReleased() {
    base.connectionPool().evictAll();
    assertEquals(0, base.connectionPool().connectionCount(), "a response was left open");
  }

  private OkHttpClient client(CredentialProvider credentials) {
    return base.newBuilder()
        .addInterceptor(AuthInterceptor.builder().credentials(credentials).tokenClient(base).clock(clock).build())
        .build();
  }

  private static Request get(HttpUrl url, Scopes scopes) {
    return new Request.Builder().url(url).tag(Scopes.class, scopes).build();
  }

  private static int call(OkHttpClient client, Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  // ---- Basic ----

  @Test
  void basicChallengeIsAnsweredWithUserAndPasswordThenSentUpFront() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Basic realm=\"registry\"").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    OkHttpClient client = client(CredentialProvider.of(USER));

    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/2"), PULL)));

    assertNull(server.takeRequest().getHeaders().get("Authorization"));
    assertEquals(basic("alice", "s3cret-pw"), server.takeRequest().getHeaders().get("Authorization"));
    assertEquals(basic("alice", "s3cret-pw"), server.takeRequest().getHeaders().get("Authorization"));
    assertEquals(3, server.getRequestCount(), "the second request needed no 401 round trip");
  }

  @Test
  void basicChallengeWithoutCredentialsReturnsThe401() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Basic realm=\"registry\"").build());
    assertEquals(401, call(client(CredentialProvider.anonymous()), get(server.url("/v2/"), Scopes.empty())));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void refusedBasicCredentialsAreNotRetriedAgain() throws Exception {
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Basic realm=\"r\"").build());
    }
    assertEquals(401, call(client(CredentialProvider.of(USER)), get(server.url("/v2/"), Scopes.empty())));
    assertEquals(2, server.getRequestCount(), "one retry with Basic, not a loop");
  }

  // ---- Bearer ----

  @Test
  void bearerChallengeFetchesATokenWithBasicCredentialsAndRetries() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    OkHttpClient client = client(CredentialProvider.forHost(server.url("/").host() + ":" + server.getPort(), USER));

    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/latest"), PULL)));

    assertEquals(1, registry.tokenCount());
    RecordedRequest token = registry.tokenRequests.get(0);
    assertEquals("GET", token.getMethod());
    assertEquals("fake-registry", token.getUrl().queryParameter("service"));
    assertEquals(List.of("repository:owner/app:pull"), token.getUrl().queryParameterValues("scope"));
    assertEquals(basic("alice", "s3cret-pw"), token.getHeaders().get("Authorization"));
    assertEquals("Bearer tok-1", registry.registryRequests.get(1).getHeaders().get("Authorization"));
    assertEquals(2, registry.registryRequests.size());
  }

  @Test
  void anonymousTokenRequestCarriesNoAuthorization() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    assertEquals(200, call(client(CredentialProvider.anonymous()), get(server.url("/v2/owner/app/manifests/1"), PULL)));
    RecordedRequest token = registry.tokenRequests.get(0);
    assertNull(token.getHeaders().get("Authorization"));
    assertNull(token.getUrl().queryParameter("account"));
  }

  @Test
  void requestWithNewScopesGetsItsTokenUpFrontWithoutA401() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    OkHttpClient client = client(CredentialProvider.of(USER));
    call(client, get(server.url("/v2/owner/app/manifests/1"), PULL));
    int before = registry.registryRequests.size();

    Request push = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/"))
        .post(RequestBody.create(new byte[0])).tag(Scopes.class, PUSH).build();
    assertEquals(202, call(client, push));

    assertEquals(1, registry.registryRequests.size() - before, "one registry request, no 401 first");
    assertEquals(2, registry.tokenCount());
    assertEquals(List.of("repository:owner/app:pull,push"),
        registry.tokenRequests.get(1).getUrl().queryParameterValues("scope"));
  }

  @Test
  void tokenIsReusedForRequestsWithTheSameScopes() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    OkHttpClient client = client(CredentialProvider.anonymous());
    for (int i = 0; i < 5; i++) {
      assertEquals(200, call(client, get(server.url("/v2/owner/app/blobs/sha256:" + i), PULL)));
    }
    assertEquals(1, registry.tokenCount());
    assertEquals(6, registry.registryRequests.size(), "one 401, then five authorized requests");
  }

  @Test
  void challengeScopeIsMergedWithTheRequestsScopes() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    // The request says it needs push on another repository too (a cross-repository mount); the challenge
    // names only pull,push on the target.
    Scopes mount = Scopes.of(Scopes.repository(REPO, "push"), Scopes.repository("other/src", "pull"));
    Request request = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/?mount=x&from=other/src"))
        .post(RequestBody.create(new byte[0])).tag(Scopes.class, mount).build();
    assertEquals(202, call(client(CredentialProvider.anonymous()), request));
    assertEquals(List.of("repository:other/src:pull", "repository:owner/app:pull,push"),
        registry.tokenRequests.get(0).getUrl().queryParameterValues("scope"));
  }

  @Test
  void tenConcurrentPushesToOneRepositoryMakeExactlyOneTokenRequest() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.tokenDelayMillis = 300; // keep the first fetch in flight while the others arrive
    OkHttpClient client = client(CredentialProvider.of(USER));
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Request push = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/"))
            .post(RequestBody.create(("layer " + i).getBytes(StandardCharsets.UTF_8)))
            .tag(Scopes.class, PUSH).build();
        Callable<Integer> task = () -> {
          start.await();
          return call(client, push);
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<Integer> result : results) {
        assertEquals(202, result.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, registry.tokenCount(), "one token request for ten concurrent pushes");
  }

  @Test
  void tokenIsRenewedBeforeItExpires() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.expiresIn = 300L;
    OkHttpClient client = client(CredentialProvider.anonymous());
    call(client, get(server.url("/v2/owner/app/manifests/1"), PULL));

    clock.advance(Duration.ofSeconds(250)); // inside the token's life, so still used
    call(client, get(server.url("/v2/owner/app/manifests/2"), PULL));
    assertEquals(1, registry.tokenCount());

    clock.advance(Duration.ofSeconds(30)); // 20 s before expiry: renewed, up front, without a 401
    int before = registry.registryRequests.size();
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/3"), PULL)));
    assertEquals(2, registry.tokenCount());
    assertEquals(1, registry.registryRequests.size() - before);
    assertEquals("Bearer tok-2", registry.registryRequests.get(before).getHeaders().get("Authorization"));
  }

  @Test
  void expiredTokenIsRenewed() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.expiresIn = 60L;
    OkHttpClient client = client(CredentialProvider.anonymous());
    call(client, get(server.url("/v2/owner/app/manifests/1"), PULL));
    clock.advance(Duration.ofMinutes(10));
    int before = registry.registryRequests.size();
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(2, registry.tokenCount());
    assertEquals("Bearer tok-2", registry.registryRequests.get(before).getHeaders().get("Authorization"));
  }

  @Test
  void accessTokenFieldWithoutExpiresInIsATokenForSixtySeconds() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.tokenField = "access_token";
    registry.expiresIn = null;
    OkHttpClient client = client(CredentialProvider.anonymous());
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));

    clock.advance(Duration.ofSeconds(40));
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(1, registry.tokenCount());

    clock.advance(Duration.ofSeconds(10)); // 10 s left of 60: renewed
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(2, registry.tokenCount());
  }

  @Test
  void cachedTokenRefusedWith401IsReplacedAndTheRequestRetriedOnce() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    OkHttpClient client = client(CredentialProvider.anonymous());
    call(client, get(server.url("/v2/owner/app/manifests/1"), PULL));
    registry.revokeAll();
    int before = registry.registryRequests.size();

    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));

    assertEquals(2, registry.tokenCount());
    assertEquals(2, registry.registryRequests.size() - before);
    assertEquals("Bearer tok-1", registry.registryRequests.get(before).getHeaders().get("Authorization"));
    assertEquals("Bearer tok-2", registry.registryRequests.get(before + 1).getHeaders().get("Authorization"));
  }

  @Test
  void a401IsRetriedOnceNotForever() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.tokenOverride = r -> new MockResponse.Builder().body("{\"token\":\"never-valid\"}").build();
    OkHttpClient client = client(CredentialProvider.anonymous());

    assertEquals(401, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(2, registry.registryRequests.size());
    assertEquals(1, registry.tokenCount());

    assertEquals(401, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(4, registry.registryRequests.size(), "the cached token, then one fresh token");
    assertEquals(2, registry.tokenCount());
  }

  @Test
  void oneShotBodyIsNotRetriedAndItsUnauthorizedAnswerIsReturned() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    OkHttpClient client = client(CredentialProvider.anonymous());
    call(client, get(server.url("/v2/owner/app/manifests/1"), PUSH)); // learn the challenge, cache a token
    registry.revokeAll();
    int before = registry.registryRequests.size();

    Request put = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/1?digest=sha256:0"))
        .put(new OneShotBody("layer")).tag(Scopes.class, PUSH).build();
    assertEquals(401, call(client, put));
    assertEquals(1, registry.registryRequests.size() - before, "the one-shot body was sent once");
  }

  @Test
  void oneShotBodyToAnUnseenRegistryLearnsTheChallengeFromV2First() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    Request put = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/1?digest=sha256:0"))
        .put(new OneShotBody("layer")).tag(Scopes.class, PUSH).build();

    assertEquals(200, call(client(CredentialProvider.anonymous()), put));

    assertEquals("/v2/", registry.registryRequests.get(0).getUrl().encodedPath());
    assertEquals("PUT", registry.registryRequests.get(1).getMethod());
    assertEquals("Bearer tok-1", registry.registryRequests.get(1).getHeaders().get("Authorization"));
    assertEquals(2, registry.registryRequests.size());
  }

  @Test
  void oneShotBodyAfterAnUnchallengedRequestWithTheSameScopesIsSentWithoutAProbe() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).build());
    server.enqueue(new MockResponse.Builder().code(201).build());
    OkHttpClient client = client(CredentialProvider.anonymous());
    Request post = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/"))
        .post(RequestBody.create(new byte[0])).tag(Scopes.class, PUSH).build();
    Request put = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/1?digest=sha256:0"))
        .put(new OneShotBody("layer")).tag(Scopes.class, PUSH).build();

    assertEquals(202, call(client, post));
    assertEquals(201, call(client, put));

    assertEquals("POST", server.takeRequest().getMethod());
    assertEquals("PUT", server.takeRequest().getMethod());
    assertEquals(2, server.getRequestCount(), "no /v2/ probe before the one-shot body");
  }

  @Test
  void oneShotBodyWithScopesNotYetServedStillProbesFirst() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(201).build());
    OkHttpClient client = client(CredentialProvider.anonymous());
    Request put = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/1?digest=sha256:0"))
        .put(new OneShotBody("layer")).tag(Scopes.class, PUSH).build();

    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL))); // served pull only
    assertEquals(201, call(client, put));

    server.takeRequest();
    assertEquals("/v2/", server.takeRequest().getUrl().encodedPath(), "push was never served: probe first");
    assertEquals("PUT", server.takeRequest().getMethod());
  }

  @Test
  void redirectToAnotherHostCarriesNoAuthorization() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    HttpUrl blobOnCdn = cdn.url("/blob/sha256-abc").newBuilder().host("127.0.0.1").build();
    OkHttpClient client = client(CredentialProvider.of(USER));
    call(client, get(server.url("/v2/owner/app/manifests/1"), PULL));
    // Like ghcr.io: the registry answers a blob GET with a 307 to another host.
    registry.tokenOverride = null;
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return new MockResponse.Builder().code(307).setHeader("Location", blobOnCdn).build();
      }
    });
    cdn.enqueue(new MockResponse.Builder().body("blob").build());
    cdn.enqueue(new MockResponse.Builder().body("blob").build());

    // OkHttp following the redirect itself...
    assertEquals(200, call(client, get(server.url("/v2/owner/app/blobs/sha256:abc"), PULL)));
    // ...and the caller following it with a request of its own (as the registry client does).
    OkHttpClient manual = client.newBuilder().followRedirects(false).build();
    assertEquals(200, call(manual, get(blobOnCdn, PULL)));

    assertNull(cdn.takeRequest().getHeaders().get("Authorization"));
    assertNull(cdn.takeRequest().getHeaders().get("Authorization"));
  }

  @Test
  void requestWithItsOwnAuthorizationIsLeftAlone() throws Exception {
    new FakeTokenRegistry(server);
    Request request = new Request.Builder().url(server.url("/v2/owner/app/manifests/1"))
        .header("Authorization", "Bearer mine").tag(Scopes.class, PULL).build();
    assertEquals(401, call(client(CredentialProvider.of(USER)), request));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void tokenEndpointRefusingTheCredentialsIsAnAuthenticationExceptionWithoutTheSecret() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.tokenOverride = r -> new MockResponse.Builder().code(401).build();
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> call(client(CredentialProvider.of(USER)), get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(Reason.CREDENTIALS_REFUSED, e.reason());
    assertTrue(e.getMessage().contains("refused the credentials"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cret-pw"));
  }

  @Test
  void tokenEndpointRefusingAnonymousAccessSaysCredentialsAreNeeded() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.tokenOverride = r -> new MockResponse.Builder().code(401).build();
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> call(client(CredentialProvider.anonymous()), get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(Reason.CREDENTIALS_REFUSED, e.reason());
    assertTrue(e.getMessage().contains("anonymous"), e.getMessage());
  }

  @Test
  void tokenEndpointServerErrorIsAnIOExceptionNamingTheStatus() {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.tokenOverride = r -> new MockResponse.Builder().code(503).build();
    IOException e = assertThrows(IOException.class,
        () -> call(client(CredentialProvider.anonymous()), get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertFalse(e instanceof AuthenticationException);
    assertTrue(e.getMessage().contains("503"), e.getMessage());
  }

  @Test
  void failedTokenRequestIsNotCachedSoTheNextRequestTriesAgain() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.tokenOverride = r -> new MockResponse.Builder().code(503).build();
    OkHttpClient client = client(CredentialProvider.anonymous());
    assertThrows(IOException.class, () -> call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    registry.tokenOverride = null;
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(2, registry.tokenCount());
  }

  @Test
  void credentialsAreLookedUpOncePerHost() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    OkHttpClient client = client(host -> {
      lookups.incrementAndGet();
      return USER;
    });
    for (int i = 0; i < 3; i++) {
      call(client, get(server.url("/v2/owner/app/manifests/1"), Scopes.of(Scopes.repository("repo" + i, "pull"))));
    }
    assertEquals(3, registry.tokenCount());
    assertEquals(1, lookups.get(), "a credential helper would otherwise run per token");
  }

  @Test
  void aNamespaceCredentialWinsForItsRepositoriesAndTheHostHelperStillRunsOnce() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    java.util.concurrent.atomic.AtomicInteger hostLookups = new java.util.concurrent.atomic.AtomicInteger();
    Credential octo = Credential.basic("octo-bot", "octo-pw");
    OkHttpClient client = client(new CredentialProvider() {
      @Override
      public Credential credentialFor(String host) {
        hostLookups.incrementAndGet();
        return USER;
      }

      @Override
      public FoundCredential findForNamespace(String host, String repository) {
        return repository.startsWith("octo/") ? new FoundCredential(octo, "from auth.json (its octo entry)") : null;
      }
    });

    call(client, get(server.url("/v2/octo/app/manifests/1"), Scopes.of(Scopes.repository("octo/app", "pull"))));
    call(client, get(server.url("/v2/other/app/manifests/1"), Scopes.of(Scopes.repository("other/app", "pull"))));
    call(client, get(server.url("/v2/more/app/manifests/1"), Scopes.of(Scopes.repository("more/app", "pull"))));

    List<String> users = registry.tokenRequests.stream()
        .map(r -> r.getHeaders().get("Authorization"))
        .map(h -> new String(java.util.Base64.getDecoder().decode(h.substring(6)), StandardCharsets.UTF_8))
        .map(up -> up.substring(0, up.indexOf(':'))).toList();
    assertEquals(List.of("octo-bot", "alice", "alice"), users);
    assertEquals(1, hostLookups.get());
  }

  @Test
  void tokenAnswerWithoutATokenIsAProtocolError() {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.tokenOverride = r -> new MockResponse.Builder().body("{\"expires_in\":60}").build();
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> call(client(CredentialProvider.anonymous()), get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(Reason.PROTOCOL, e.reason());
  }

  @Test
  void realmOnAPrivateAddressIsRefusedBeforeAnyCredentialIsSent() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401)
        .setHeader("WWW-Authenticate", "Bearer realm=\"http://10.1.2.3/token\",service=\"x\"").build());
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> call(client(CredentialProvider.of(USER)), get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(Reason.REALM_REFUSED, e.reason());
    assertTrue(e.getMessage().contains("10.1.2.3"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void partialGrantEndsInDeniedNamingTheRepositoryAndTheAction() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    // A JWT whose access claim grants pull only, as a token server does for a read-only user.
    String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"access\":[{\"type\":\"repository\",\"name\":\"owner/app\",\"actions\":[\"pull\"]}]}"
            .getBytes(StandardCharsets.UTF_8));
    registry.tokenOverride = r -> new MockResponse.Builder()
        .body("{\"token\":\"eyJhbGciOiJub25lIn0." + payload + ".c2ln\"}").build();
    Request push = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/"))
        .post(RequestBody.create(new byte[0])).tag(Scopes.class, PUSH).build();

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> call(client(CredentialProvider.of(USER)), push));

    assertEquals(Reason.DENIED, e.reason());
    assertEquals(Scopes.of("repository:owner/app:push"), e.denied());
    assertTrue(e.getMessage().contains("push") && e.getMessage().contains("owner/app"), e.getMessage());
  }

  @Test
  void insufficientScopeWithAnOpaqueTokenEndsInDeniedNamingTheChallengedScope() throws Exception {
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getUrl().encodedPath().equals("/token")) {
          return new MockResponse.Builder().body("{\"token\":\"opaque\"}").build();
        }
        return new MockResponse.Builder().code(401).setHeader("WWW-Authenticate",
            "Bearer realm=\"" + server.url("/token") + "\",service=\"s\",scope=\"repository:owner/app:pull,push\""
                + ",error=\"insufficient_scope\"").build();
      }
    });
    Request push = new Request.Builder().url(server.url("/v2/owner/app/blobs/uploads/"))
        .post(RequestBody.create(new byte[0])).tag(Scopes.class, PUSH).build();
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> call(client(CredentialProvider.of(USER)), push));
    assertEquals(Reason.DENIED, e.reason());
    assertTrue(e.getMessage().contains("owner/app"), e.getMessage());
  }

  @Test
  void identityTokenIsExchangedWithAnOAuth2Post() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    OkHttpClient client = client(CredentialProvider.of(Credential.identityToken("refresh-me")));
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));

    RecordedRequest token = registry.tokenRequests.get(0);
    assertEquals("POST", token.getMethod());
    String form = token.getBody().utf8();
    assertTrue(form.contains("grant_type=refresh_token"), form);
    assertTrue(form.contains("refresh_token=refresh-me"), form);
    assertTrue(form.contains("service=fake-registry"), form);
    assertTrue(form.contains("scope=repository%3Aowner%2Fapp%3Apull"), form);
  }

  @Test
  void identityTokenFallsBackToGetWhenPostIsNotAllowed() throws Exception {
    FakeTokenRegistry registry = new FakeTokenRegistry(server);
    registry.postAllowed = false;
    OkHttpClient client = client(CredentialProvider.of(Credential.identityToken("refresh-me")));
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(List.of("POST", "GET"), registry.tokenRequests.stream().map(RecordedRequest::getMethod).toList());
    assertEquals(basic("<token>", "refresh-me"), registry.tokenRequests.get(1).getHeaders().get("Authorization"));
  }

  @Test
  void accessTokenCredentialIsSentAsBearerWithoutATokenRequest() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401)
        .setHeader("WWW-Authenticate", "Bearer realm=\"" + server.url("/token") + "\"").build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    OkHttpClient client = client(CredentialProvider.of(Credential.accessToken("direct")));
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    server.takeRequest();
    assertEquals("Bearer direct", server.takeRequest().getHeaders().get("Authorization"));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void registryWithoutAuthGetsNoAuthorizationAndNoExtraRequests() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).build());
    server.enqueue(new MockResponse.Builder().code(200).build());
    OkHttpClient client = client(CredentialProvider.of(USER));
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertEquals(200, call(client, get(server.url("/v2/owner/app/manifests/1"), PULL)));
    assertNull(server.takeRequest().getHeaders().get("Authorization"));
    assertNull(server.takeRequest().getHeaders().get("Authorization"));
  }
}
