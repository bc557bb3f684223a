package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quirks of GitHub Container Registry, replayed by {@link FakeGhcr}. */
class GhcrBehaviourTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private final OkHttpClient base = new OkHttpClient();
  private FakeGhcr ghcr;

  @BeforeEach
  void start() {
    ghcr = new FakeGhcr(server);
  }

  private OkHttpClient client(Credential credential) {
    return base.newBuilder().addInterceptor(AuthInterceptor.builder()
        .credentials(CredentialProvider.forHost(ghcr.host(), credential)).tokenClient(base).build()).build();
  }

  private int call(OkHttpClient client, Request request) throws Exception {
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  @Test
  void publicRepositoryIsPulledWithAnAnonymousToken() throws Exception {
    Request pull = new Request.Builder().url(server.url("/v2/octocat/public/manifests/latest"))
        .tag(Scopes.class, Scopes.of(Scopes.repository(FakeGhcr.PUBLIC_REPO, "pull"))).build();
    assertEquals(200, call(client(Credential.anonymous()), pull));

    RecordedRequest token = ghcr.tokenRequests.get(0);
    assertEquals("GET", token.getMethod());
    assertNull(token.getHeaders().get("Authorization"));
    assertEquals(List.of("repository:octocat/public:pull"), token.getUrl().queryParameterValues("scope"));
    assertEquals("ghcr.io", token.getUrl().queryParameter("service"));
  }

  @Test
  void personalAccessTokenGoesToTheTokenEndpointAndNeverToTheRegistry() throws Exception {
    OkHttpClient client = client(Credential.basic(FakeGhcr.USER, FakeGhcr.PAT));
    Scopes push = Scopes.of(Scopes.repository(FakeGhcr.PRIVATE_REPO, "pull", "push"));
    Request upload = new Request.Builder().url(server.url("/v2/octocat/private/blobs/uploads/"))
        .post(RequestBody.create(new byte[0])).tag(Scopes.class, push).build();
    assertEquals(202, call(client, upload));
    assertEquals(202, call(client, upload));

    for (RecordedRequest request : ghcr.registryRequests) {
      String authorization = request.getHeaders().get("Authorization");
      assertTrue(authorization == null || authorization.startsWith("Bearer "), authorization);
    }
    assertEquals(1, ghcr.tokenRequests.size());
    assertTrue(ghcr.tokenRequests.get(0).getHeaders().get("Authorization").startsWith("Basic "));
    assertEquals(3, ghcr.registryRequests.size(), "one 401, then two authorized uploads");
  }

  @Test
  void getOnlyTokenEndpointServesAnIdentityTokenAfterThePostIsRefused() throws Exception {
    // A PAT kept as an identity token (some tools store it so): POST is answered 405, GET takes it.
    OkHttpClient client = client(new Credential.IdentityToken(FakeGhcr.USER, FakeGhcr.PAT));
    Request pull = new Request.Builder().url(server.url("/v2/octocat/private/manifests/1"))
        .tag(Scopes.class, Scopes.of(Scopes.repository(FakeGhcr.PRIVATE_REPO, "pull"))).build();
    assertEquals(200, call(client, pull));
    assertEquals(List.of("POST", "GET"), ghcr.tokenRequests.stream().map(RecordedRequest::getMethod).toList());
  }

  @Test
  void basicSentStraightToV2IsRefusedSoLoginVerifiesThroughTheTokenEndpoint() throws Exception {
    Request basicOnV2 = new Request.Builder().url(server.url("/v2/"))
        .header("Authorization", okhttp3.Credentials.basic(FakeGhcr.USER, FakeGhcr.PAT)).build();
    assertEquals(401, call(base, basicOnV2), "ghcr.io does not take Basic on /v2/");
    ghcr.registryRequests.clear();

    Login login = Login.builder().client(base).plainHttp(ghcr.host())
        .config(DockerConfig.at(dir.resolve("config.json"))).build();
    login.login(ghcr.host(), Credential.basic(FakeGhcr.USER, FakeGhcr.PAT));

    assertEquals(Credential.basic(FakeGhcr.USER, FakeGhcr.PAT), login.config().credentialFor(ghcr.host()));
    assertEquals("/v2/", ghcr.registryRequests.get(1).getUrl().encodedPath());
    assertTrue(ghcr.registryRequests.get(1).getHeaders().get("Authorization").startsWith("Bearer "));
    assertEquals(2, ghcr.registryRequests.size());
  }

  @Test
  void loginWithAWrongTokenFailsAndStoresNothing() throws Exception {
    Path file = dir.resolve("config.json");
    Login login = Login.builder().client(base).plainHttp(ghcr.host()).config(DockerConfig.at(file)).build();
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> login.login(ghcr.host(), Credential.basic(FakeGhcr.USER, "ghp_wrong")));
    assertEquals(Reason.CREDENTIALS_REFUSED, e.reason());
    assertFalse(e.getMessage().contains("ghp_wrong"));
    assertFalse(Files.exists(file));
  }

  @Test
  void privateRepositoryWithoutCredentialsAnswers401() throws Exception {
    Request pull = new Request.Builder().url(server.url("/v2/octocat/private/manifests/1"))
        .tag(Scopes.class, Scopes.of(Scopes.repository(FakeGhcr.PRIVATE_REPO, "pull"))).build();
    assertEquals(401, call(client(Credential.anonymous()), pull));
    assertEquals(1, ghcr.tokenRequests.size());
  }
}
