package dev.berth.testkit;

import static dev.berth.testkit.OciHttp.OCI_INDEX;
import static dev.berth.testkit.OciHttp.OCI_MANIFEST;
import static dev.berth.testkit.OciHttp.sha256;
import static dev.berth.testkit.OciHttp.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RegistryServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static TestPki pki;
  private static OkHttpClient plain;

  @BeforeAll
  static void setUp() {
    pki = TestPki.create();
    plain = new OkHttpClient();
  }

  @AfterAll
  static void tearDown() {
    plain.connectionPool().evictAll();
    pki.close();
  }

  @Test
  void plainRegistryAcceptsOciArtifactManifestWithSubjectAndAnIndex() throws Exception {
    try (RegistryServer registry = RegistryServer.start()) {
      assertEquals("127.0.0.1:" + registry.port(), registry.host());
      assertEquals("http://" + registry.host(), registry.baseUrl());
      String base = registry.baseUrl();
      byte[] emptyConfig = utf8("{}");
      byte[] layer = utf8("hello berth");
      String configDigest = OciHttp.pushBlob(plain, base, "team/app", emptyConfig, null);
      String layerDigest = OciHttp.pushBlob(plain, base, "team/app", layer, null);

      byte[] image = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
          + "\"config\":{\"mediaType\":\"application/vnd.berth.test.config.v1+json\",\"digest\":\"" + configDigest
          + "\",\"size\":2},\"layers\":[{\"mediaType\":\"application/vnd.berth.test.file\",\"digest\":\""
          + layerDigest + "\",\"size\":" + layer.length + "}]}");
      assertEquals(201, putManifest(base, "team/app", "v1", image, OCI_MANIFEST));

      byte[] artifact = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_MANIFEST + "\","
          + "\"artifactType\":\"application/vnd.berth.signature\","
          + "\"config\":{\"mediaType\":\"application/vnd.oci.empty.v1+json\",\"digest\":\"" + configDigest
          + "\",\"size\":2,\"data\":\"e30=\"},\"layers\":[{\"mediaType\":\"application/vnd.berth.test.file\","
          + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}],"
          + "\"subject\":{\"mediaType\":\"" + OCI_MANIFEST + "\",\"digest\":\"" + sha256(image) + "\",\"size\":"
          + image.length + "},\"annotations\":{\"org.opencontainers.image.created\":\"2024-01-01T00:00:00Z\"}}");
      assertEquals(201, putManifest(base, "team/app", sha256(artifact), artifact, OCI_MANIFEST));

      byte[] index = utf8("{\"schemaVersion\":2,\"mediaType\":\"" + OCI_INDEX + "\",\"manifests\":[{\"mediaType\":\""
          + OCI_MANIFEST + "\",\"digest\":\"" + sha256(image) + "\",\"size\":" + image.length
          + ",\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}}]}");
      assertEquals(201, putManifest(base, "team/app", "multi", index, OCI_INDEX));

      // The registry stores and serves the exact bytes, so digests of what we sent still match.
      try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/team/app/manifests/" + sha256(artifact))
          .header("Accept", OCI_MANIFEST).build()).execute()) {
        assertEquals(200, response.code());
        assertEquals(sha256(artifact), response.header("Docker-Content-Digest"));
        assertEquals(new String(artifact, "UTF-8"), response.body().string());
      }
      try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/team/app/manifests/multi")
          .header("Accept", OCI_INDEX).build()).execute()) {
        assertEquals(200, response.code());
        assertEquals(OCI_INDEX, response.header("Content-Type"));
      }
      // Quirk of 2.8 worth knowing: without an Accept header naming the OCI type, a GET of an OCI
      // manifest is answered 404 MANIFEST_UNKNOWN rather than with the manifest.
      try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/team/app/manifests/v1").build())
          .execute()) {
        assertEquals(404, response.code());
      }
      // 2.8 has no referrers API; clients must fall back to the referrers tag schema.
      try (Response response = plain.newCall(new Request.Builder()
          .url(base + "/v2/team/app/referrers/" + sha256(image)).build()).execute()) {
        assertEquals(404, response.code());
      }
      // 2.8 ignores ?digest= on POST: no monolithic single-request upload, just a new session.
      try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/team/app/blobs/uploads/?digest="
          + sha256(utf8("mono"))).post(RequestBody.create(utf8("mono"), OciHttp.OCTETS)).build()).execute()) {
        assertEquals(202, response.code());
        assertTrue(response.header("Location").startsWith(base + "/v2/team/app/blobs/uploads/"));
      }
      try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/team/app/blobs/"
          + sha256(utf8("mono"))).head().build()).execute()) {
        assertEquals(404, response.code());
      }
      assertTrue(Files.isDirectory(registry.storageDir().resolve("docker/registry/v2/repositories/team/app")));
    }
  }

  @Test
  void tlsRegistryIsTrustedWithTheTestCaOnly() throws Exception {
    try (RegistryServer registry = RegistryServer.builder().tls(pki).start()) {
      assertTrue(registry.baseUrl().startsWith("https://127.0.0.1:"));
      OkHttpClient trusting = new OkHttpClient.Builder()
          .sslSocketFactory(pki.sslSocketFactory(), pki.trustManager()).build();
      try (Response response = trusting.newCall(new Request.Builder().url(registry.baseUrl() + "/v2/").build())
          .execute()) {
        assertEquals(200, response.code());
        assertEquals("registry/2.0", response.header("Docker-Distribution-API-Version"));
      }
      assertThrows(SSLHandshakeException.class, () -> plain.newCall(
          new Request.Builder().url(registry.baseUrl() + "/v2/").build()).execute().close());
    }
  }

  @Test
  void htpasswdRegistryAnswers401WithoutCredentialsAnd200WithThem() throws Exception {
    try (RegistryServer registry = RegistryServer.builder().htpasswd("alice", "s3cret").htpasswd("bob", "hunter2")
        .start()) {
      String url = registry.baseUrl() + "/v2/";
      try (Response response = plain.newCall(new Request.Builder().url(url).build()).execute()) {
        assertEquals(401, response.code());
        assertEquals("Basic realm=\"berth-registry\"", response.header("WWW-Authenticate"));
      }
      for (String[] user : List.of(new String[] {"alice", "s3cret"}, new String[] {"bob", "hunter2"})) {
        try (Response response = plain.newCall(new Request.Builder().url(url)
            .header("Authorization", Credentials.basic(user[0], user[1])).build()).execute()) {
          assertEquals(200, response.code(), user[0]);
        }
      }
      try (Response response = plain.newCall(new Request.Builder().url(url)
          .header("Authorization", Credentials.basic("alice", "wrong")).build()).execute()) {
        assertEquals(401, response.code());
      }
      OciHttp.pushBlob(plain, registry.baseUrl(), "team/app", utf8("x"), Credentials.basic("alice", "s3cret"));
    }
  }

  @Test
  void tokenAuthChallengeTokenAndRetrySucceedsAndUngrantedPushIsRefused() throws Exception {
    try (TokenServer tokens = TokenServer.builder().pki(pki).user("alice", "secret")
            .grant("alice", "team/*", "pull", "push").anonymousGrant("public/*", "pull").start();
        RegistryServer registry = RegistryServer.builder().tokenAuth(tokens).start()) {
      String base = registry.baseUrl();
      String basic = Credentials.basic("alice", "secret");

      // 1. challenge
      Map<String, String> challenge;
      try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/team/app/tags/list").build())
          .execute()) {
        assertEquals(401, response.code());
        challenge = bearerParams(response.header("WWW-Authenticate"));
      }
      assertEquals(tokens.realm(), challenge.get("realm"));
      assertEquals("berth-registry", challenge.get("service"));
      assertEquals("repository:team/app:pull", challenge.get("scope"));

      // 2. token for push+pull, 3. retry with it
      String token = fetchToken(tokens, "repository:team/app:pull,push", basic);
      String bearer = "Bearer " + token;
      String digest = OciHttp.pushBlob(plain, base, "team/app", utf8("layer"), bearer);
      try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/team/app/blobs/" + digest)
          .header("Authorization", bearer).build()).execute()) {
        assertEquals(200, response.code());
        assertEquals("layer", response.body().string());
      }
      TokenServer.TokenRequest recorded = tokens.requests().get(0);
      assertEquals("GET", recorded.method());
      assertEquals("alice", recorded.user());
      assertEquals(List.of("repository:team/app:pull,push"), recorded.requestedScopes());

      // A repository alice was not granted: the token carries no access and the push is refused.
      String other = fetchToken(tokens, "repository:other/app:pull,push", basic);
      try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/other/app/blobs/uploads/")
          .post(RequestBody.create(new byte[0])).header("Authorization", "Bearer " + other).build()).execute()) {
        assertEquals(401, response.code());
        assertTrue(response.header("WWW-Authenticate").contains("error=\"insufficient_scope\""),
            response.header("WWW-Authenticate"));
      }
      assertTrue(tokens.requests().get(1).granted().isEmpty());

      // Anonymous pull on public/*, but anonymous push there is only partly granted.
      String anonymous = fetchToken(tokens, "repository:public/app:pull,push", null);
      try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/public/app/tags/list")
          .header("Authorization", "Bearer " + anonymous).build()).execute()) {
        assertEquals(404, response.code()); // authorized; the repository just does not exist yet
      }
      TokenServer.TokenRequest anon = tokens.requests().get(2);
      assertFalse(anon.authenticated());
      assertEquals(List.of(ResourceScope.parse("repository:public/app:pull")), anon.granted());
      assertEquals(3, tokens.tokenRequests());
    }
  }

  @Test
  void rs256TokensFromAnRsaPkiAreAcceptedToo() throws Exception {
    try (TestPki rsa = TestPki.create(TestPki.KeyType.RSA);
        TokenServer tokens = TokenServer.builder().pki(rsa).user("bob", "pw").grant("bob", "*", "*").start();
        RegistryServer registry = RegistryServer.builder().tokenAuth(tokens).start()) {
      assertEquals("RS256", rsa.tokenSigningKey().jwsAlgorithm());
      OkHttpClient trusting = plain;
      String token = fetchToken(tokens, "repository:any/thing:pull,push,delete", Credentials.basic("bob", "pw"));
      String digest = OciHttp.pushBlob(trusting, registry.baseUrl(), "any/thing", utf8("rsa"), "Bearer " + token);
      try (Response response = trusting.newCall(new Request.Builder().url(registry.baseUrl() + "/v2/any/thing/blobs/"
          + digest).delete().header("Authorization", "Bearer " + token).build()).execute()) {
        assertEquals(202, response.code());
      }
    }
  }

  @Test
  void wrongPasswordAtTheTokenServerIs401() throws Exception {
    try (TokenServer tokens = TokenServer.builder().pki(pki).user("alice", "secret").start()) {
      HttpUrl url = HttpUrl.get(tokens.realm()).newBuilder().addQueryParameter("service", tokens.service()).build();
      try (Response response = plain.newCall(new Request.Builder().url(url)
          .header("Authorization", Credentials.basic("alice", "nope")).build()).execute()) {
        assertEquals(401, response.code());
        assertFalse(response.body().string().contains("nope"));
      }
      assertEquals(401, tokens.requests().get(0).status());
    }
  }

  @Test
  void startOnAPortInUseFailsClearly() {
    int taken;
    try (RegistryServer first = RegistryServer.start()) {
      taken = first.port();
      IllegalStateException e = assertThrows(IllegalStateException.class,
          () -> RegistryServer.builder().port(taken).start().close());
      assertTrue(e.getMessage().contains("address already in use"), e.getMessage());
    }
  }

  @Test
  void aRegistryThatCannotStartFailsWithItsLog() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RegistryServer.builder().configYaml("storage_is_not_a_key: [").start().close());
    assertTrue(e.getMessage().contains("docker-registry exited"), e.getMessage());
    assertTrue(e.getMessage().contains("yaml"), e.getMessage());
  }

  private int putManifest(String base, String repo, String reference, byte[] body, String mediaType)
      throws Exception {
    try (Response response = plain.newCall(new Request.Builder().url(base + "/v2/" + repo + "/manifests/" + reference)
        .put(RequestBody.create(body, MediaType.get(mediaType))).build()).execute()) {
      String text = response.body().string();
      if (response.code() == 201) {
        assertEquals(sha256(body), response.header("Docker-Content-Digest"));
      }
      assertEquals(201, response.code(), text);
      return response.code();
    }
  }

  private String fetchToken(TokenServer tokens, String scope, String basic) throws Exception {
    HttpUrl url = HttpUrl.get(tokens.realm()).newBuilder().addQueryParameter("service", tokens.service())
        .addQueryParameter("scope", scope).build();
    Request.Builder request = new Request.Builder().url(url);
    if (basic != null) {
      request.header("Authorization", basic);
    }
    try (Response response = plain.newCall(request.build()).execute()) {
      assertEquals(200, response.code());
      JsonNode body = JSON.readTree(response.body().string());
      assertEquals(body.get("token").asText(), body.get("access_token").asText());
      assertEquals(300, body.get("expires_in").asInt());
      assertTrue(body.hasNonNull("issued_at"));
      return body.get("token").asText();
    }
  }

  static Map<String, String> bearerParams(String header) {
    assertTrue(header.startsWith("Bearer "), header);
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(header);
    while (m.find()) {
      params.put(m.group(1), m.group(2));
    }
    return params;
  }
}
