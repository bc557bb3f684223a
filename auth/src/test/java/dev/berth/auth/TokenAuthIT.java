package dev.berth.auth;

import static dev.berth.auth.RegistryCalls.getBlob;
import static dev.berth.auth.RegistryCalls.pushBlob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.auth.AuthenticationException.Reason;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.TestPki;
import dev.berth.testkit.TokenServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.FormBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real docker-registry over TLS (a CA made by the test) with token auth from an in-process token server
 * that signs JWTs with a key the registry trusts, and grants per repository: alice may push to team/* and
 * public/*, bob may only pull team/*, anyone may pull public/*.
 */
class TokenAuthIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestPki pki;
  private static TokenServer tokens;
  private static RegistryServer registry;
  private static OkHttpClient base;

  @BeforeAll
  static void start() {
    pki = TestPki.create();
    tokens = TokenServer.builder().pki(pki).tls(true)
        .user("alice", "alice-pw").user("bob", "bob-pw")
        .grant("alice", "team/*", "pull", "push").grant("alice", "public/*", "pull", "push")
        .grant("bob", "team/*", "pull")
        .anonymousGrant("public/*", "pull")
        .start();
    registry = RegistryServer.builder().tls(pki).tokenAuth(tokens).start();
    base = new OkHttpClient.Builder().sslSocketFactory(pki.sslSocketFactory(), pki.trustManager()).build();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (tokens != null) {
      tokens.close();
    }
    if (pki != null) {
      pki.close();
    }
  }

  @BeforeEach
  void forgetRequests() {
    tokens.clearRequests();
  }

  private static OkHttpClient client(Credential credential, RegistryCalls.RoundTrips roundTrips) {
    return client(credential, roundTrips, java.time.Clock.systemUTC());
  }

  private static OkHttpClient client(Credential credential, RegistryCalls.RoundTrips roundTrips, java.time.Clock clock) {
    OkHttpClient.Builder builder = base.newBuilder().addInterceptor(AuthInterceptor.builder()
        .credentials(CredentialProvider.forHost(registry.host(), credential)).tokenClient(base).clock(clock).build());
    if (roundTrips != null) {
      builder.addNetworkInterceptor(roundTrips);
    }
    return builder.build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void pushThenPullCostsOneTokenRequestPerScopeAndOne401() throws Exception {
    RegistryCalls.RoundTrips roundTrips = new RegistryCalls.RoundTrips();
    OkHttpClient alice = client(Credential.basic("alice", "alice-pw"), roundTrips);

    String digest = pushBlob(alice, registry.baseUrl(), "team/app", bytes("layer one"));
    assertEquals(200, getBlob(alice, registry.baseUrl(), "team/app", digest));

    // POST (401), POST, PUT, then the GET with a pull token fetched up front: no second 401.
    assertEquals(4, roundTrips.count.get());
    assertEquals(2, tokens.tokenRequests());
    assertEquals(List.of("repository:team/app:pull,push"), tokens.requests().get(0).requestedScopes());
    assertEquals(List.of("repository:team/app:pull"), tokens.requests().get(1).requestedScopes());
    assertEquals("alice", tokens.requests().get(0).user());
  }

  @Test
  void tenConcurrentPushesToOneRepositoryMakeOneTokenRequest() throws Exception {
    OkHttpClient alice = client(Credential.basic("alice", "alice-pw"), null);
    ExecutorService pool = Executors.newFixedThreadPool(10);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<String>> pushes = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        byte[] layer = bytes("concurrent layer " + i);
        pushes.add(pool.submit(() -> {
          go.await();
          return pushBlob(alice, registry.baseUrl(), "team/concurrent", layer);
        }));
      }
      go.countDown();
      for (Future<String> push : pushes) {
        assertTrue(push.get(60, TimeUnit.SECONDS).startsWith("sha256:"));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, tokens.tokenRequests());
  }

  @Test
  void pushWithAPullOnlyGrantIsDeniedNamingTheRepositoryAndTheAction() throws Exception {
    OkHttpClient bob = client(Credential.basic("bob", "bob-pw"), null);
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> pushBlob(bob, registry.baseUrl(), "team/app", bytes("not allowed")));
    assertEquals(Reason.DENIED, e.reason());
    assertEquals(Scopes.of("repository:team/app:push"), e.denied());
    assertTrue(e.getMessage().contains("push access to repository team/app"), e.getMessage());
    assertFalse(e.getMessage().contains("bob-pw"));
  }

  @Test
  void anonymousPullOfAPublicRepositoryWorksAndOfAPrivateOneIsDenied() throws Exception {
    String digest = pushBlob(client(Credential.basic("alice", "alice-pw"), null), registry.baseUrl(), "public/tool",
        bytes("public layer"));
    tokens.clearRequests();
    OkHttpClient anonymous = client(Credential.anonymous(), null);

    assertEquals(200, getBlob(anonymous, registry.baseUrl(), "public/tool", digest));
    assertNull(tokens.requests().get(0).user());
    assertFalse(tokens.requests().get(0).authenticated());

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> getBlob(anonymous, registry.baseUrl(), "team/app", digest));
    assertEquals(Reason.DENIED, e.reason());
    assertEquals(Scopes.of("repository:team/app:pull"), e.denied());
  }

  @Test
  void wrongPasswordIsRefusedByTheTokenServer() {
    OkHttpClient mallory = client(Credential.basic("alice", "guessed"), null);
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> getBlob(mallory, registry.baseUrl(), "team/app", RegistryCalls.sha256(bytes("x"))));
    assertEquals(Reason.CREDENTIALS_REFUSED, e.reason());
    assertFalse(e.getMessage().contains("guessed"));
  }

  @Test
  void identityTokenIsExchangedThroughOAuth2() throws Exception {
    String refreshToken;
    Request offline = new Request.Builder().url(tokens.realm()).post(new FormBody.Builder()
        .add("grant_type", "password").add("username", "alice").add("password", "alice-pw")
        .add("access_type", "offline").add("service", tokens.service()).add("client_id", "test").build()).build();
    try (Response response = base.newCall(offline).execute()) {
      refreshToken = JSON.readTree(response.body().string()).get("refresh_token").asText();
    }
    tokens.clearRequests();

    OkHttpClient alice = client(Credential.identityToken(refreshToken), null);
    String digest = pushBlob(alice, registry.baseUrl(), "team/oauth", bytes("via refresh token"));
    assertEquals(200, getBlob(alice, registry.baseUrl(), "team/oauth", digest));

    assertEquals(List.of("refresh_token", "refresh_token"),
        tokens.requests().stream().map(TokenServer.TokenRequest::grantType).toList());
    assertEquals("alice", tokens.requests().get(0).user());
  }

  @Test
  void tokenIsRenewedUpFrontWhenItsTimeIsUp() throws Exception {
    MutableClock clock = new MutableClock();
    RegistryCalls.RoundTrips roundTrips = new RegistryCalls.RoundTrips();
    OkHttpClient alice = client(Credential.basic("alice", "alice-pw"), roundTrips, clock);
    String digest = pushBlob(alice, registry.baseUrl(), "team/renew", bytes("renew me"));
    clock.advance(Duration.ofSeconds(290)); // the token server's tokens live 300 s
    int before = roundTrips.count.get();

    assertEquals(200, getBlob(alice, registry.baseUrl(), "team/renew", digest));
    clock.advance(Duration.ofSeconds(290));
    assertEquals(200, getBlob(alice, registry.baseUrl(), "team/renew", digest));

    assertEquals(2, roundTrips.count.get() - before, "each GET went through without a 401");
    assertEquals(3, tokens.tokenRequests(), "push token, pull token, renewed pull token");
  }

  @Test
  void loginVerifiesAgainstTheTokenServerThenStores(@TempDir Path dir) throws Exception {
    Login login = Login.builder().client(base).config(DockerConfig.at(dir.resolve("config.json"))).build();

    login.login(registry.host(), Credential.basic("bob", "bob-pw"));
    assertEquals(Credential.basic("bob", "bob-pw"), login.config().credentialFor(registry.host()));

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> login.login(registry.host(), Credential.basic("bob", "wrong")));
    assertEquals(Reason.CREDENTIALS_REFUSED, e.reason());
    assertEquals(Credential.basic("bob", "bob-pw"), login.config().credentialFor(registry.host()),
        "a failed login leaves the stored credential alone");

    assertTrue(login.logout(registry.host()));
    assertTrue(login.config().credentialFor(registry.host()).isAnonymous());
  }
}
