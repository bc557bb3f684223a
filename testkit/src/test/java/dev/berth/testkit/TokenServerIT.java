package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TokenServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestPki pki;
  private static final OkHttpClient CLIENT = new OkHttpClient();

  @BeforeAll
  static void setUp() {
    pki = TestPki.create();
  }

  @AfterAll
  static void tearDown() {
    pki.close();
  }

  @Test
  void tokenIsAnEs256JwtWithX5cAndTheGrantedAccessOnly() throws Exception {
    try (TokenServer tokens = TokenServer.builder().pki(pki).issuer("berth-test").service("svc")
        .user("alice", "secret").grant("alice", "team/*", "pull", "push").expiresInSeconds(120).start()) {
      HttpUrl url = HttpUrl.get(tokens.realm()).newBuilder().addQueryParameter("service", "svc")
          .addQueryParameter("scope", "repository:team/app:pull,push,delete")
          .addQueryParameter("scope", "repository:other/app:pull").build();
      String token;
      try (Response response = CLIENT.newCall(new Request.Builder().url(url)
          .header("Authorization", Credentials.basic("alice", "secret")).build()).execute()) {
        assertEquals(200, response.code());
        token = JSON.readTree(response.body().string()).get("token").asText();
      }
      String[] parts = token.split("\\.");
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      assertEquals("ES256", header.get("alg").asText());
      assertEquals(Base64.getEncoder().encodeToString(pki.tokenSigningKey().certificate().getEncoded()),
          header.get("x5c").get(0).asText());
      assertEquals("berth-test", claims.get("iss").asText());
      assertEquals("alice", claims.get("sub").asText());
      assertEquals("svc", claims.get("aud").asText());
      assertEquals(120, claims.get("exp").asLong() - claims.get("iat").asLong());
      assertEquals(1, claims.get("access").size());
      assertEquals("team/app", claims.get("access").get(0).get("name").asText());
      assertEquals("[\"pull\",\"push\"]", claims.get("access").get(0).get("actions").toString());

      Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
      verifier.initVerify(pki.tokenSigningKey().certificate());
      verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));
    }
  }

  @Test
  void oauth2PasswordGrantGivesARefreshTokenThatWorksForTheRefreshGrant() throws Exception {
    try (TokenServer tokens = TokenServer.builder().pki(pki).tls(true).user("alice", "secret")
        .grant("alice", "team/app", "pull").start()) {
      OkHttpClient tlsClient = CLIENT.newBuilder().sslSocketFactory(pki.sslSocketFactory(), pki.trustManager()).build();
      assertTrue(tokens.realm().startsWith("https://127.0.0.1:"));
      String refresh;
      try (Response response = tlsClient.newCall(new Request.Builder().url(tokens.realm()).post(new FormBody.Builder()
          .add("grant_type", "password").add("service", tokens.service()).add("client_id", "berth")
          .add("access_type", "offline").add("username", "alice").add("password", "secret")
          .add("scope", "repository:team/app:pull,push").build()).build()).execute()) {
        assertEquals(200, response.code());
        JsonNode body = JSON.readTree(response.body().string());
        assertEquals("repository:team/app:pull", body.get("scope").asText());
        assertTrue(body.hasNonNull("access_token"));
        refresh = body.get("refresh_token").asText();
      }
      try (Response response = tlsClient.newCall(new Request.Builder().url(tokens.realm()).post(new FormBody.Builder()
          .add("grant_type", "refresh_token").add("service", tokens.service()).add("client_id", "berth")
          .add("refresh_token", refresh).add("scope", "repository:team/app:pull").build()).build()).execute()) {
        assertEquals(200, response.code());
        assertTrue(JSON.readTree(response.body().string()).hasNonNull("access_token"));
      }
      try (Response response = tlsClient.newCall(new Request.Builder().url(tokens.realm()).post(new FormBody.Builder()
          .add("grant_type", "password").add("username", "alice").add("password", "wrong").build()).build())
          .execute()) {
        assertEquals(401, response.code());
      }
      List<TokenServer.TokenRequest> seen = tokens.requests();
      assertEquals(List.of("password", "refresh_token", "password"),
          seen.stream().map(TokenServer.TokenRequest::grantType).toList());
      assertEquals("alice", seen.get(1).user());
      assertNull(seen.get(2).user());
    }
  }

  @Test
  void requiredAuthenticationRefusesAnonymousAndGrantsChangeAtRuntime() throws Exception {
    try (TokenServer tokens = TokenServer.builder().pki(pki).requireAuthentication(true).user("alice", "secret")
        .start()) {
      HttpUrl url = HttpUrl.get(tokens.realm()).newBuilder().addQueryParameter("scope", "repository:x/y:pull").build();
      try (Response response = CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
        assertEquals(401, response.code());
        assertTrue(response.header("WWW-Authenticate").startsWith("Basic "));
      }
      Request asAlice = new Request.Builder().url(url).header("Authorization", Credentials.basic("alice", "secret")).build();
      CLIENT.newCall(asAlice).execute().close();
      assertTrue(tokens.requests().get(1).granted().isEmpty());
      tokens.grant("alice", "x/*", "pull");
      CLIENT.newCall(asAlice).execute().close();
      assertEquals(List.of(ResourceScope.parse("repository:x/y:pull")), tokens.requests().get(2).granted());
      tokens.revokeAll("alice");
      CLIENT.newCall(asAlice).execute().close();
      assertTrue(tokens.requests().get(3).granted().isEmpty());
    }
  }

  @Test
  void oauth2CanBeTurnedOffLikeGhcrAndFailuresCanBeInjected() throws Exception {
    try (TokenServer tokens = TokenServer.builder().pki(pki).oauth2(false).anonymousGrant("*", "pull").start()) {
      try (Response response = CLIENT.newCall(new Request.Builder().url(tokens.realm()).post(new FormBody.Builder()
          .add("grant_type", "password").add("username", "a").add("password", "b").build()).build()).execute()) {
        assertEquals(405, response.code());
      }
      tokens.failNextRequest(503);
      HttpUrl url = HttpUrl.get(tokens.realm()).newBuilder().addQueryParameter("scope", "repository:x:pull").build();
      try (Response response = CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
        assertEquals(503, response.code());
      }
      try (Response response = CLIENT.newCall(new Request.Builder().url(url).build()).execute()) {
        assertEquals(200, response.code());
      }
      assertEquals(3, tokens.tokenRequests());
      assertFalse(tokens.requests().get(2).authenticated());
    }
  }
}
