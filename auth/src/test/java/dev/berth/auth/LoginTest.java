package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  @TempDir Path dir;
  private String host;
  private Login login;

  @BeforeEach
  void setUp() throws Exception {
    host = server.url("/").host() + ":" + server.getPort();
    Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"quay.io\":{\"auth\":\"cTox\"}}}");
    login = Login.builder().client(new OkHttpClient()).plainHttp(host)
        .config(DockerConfig.at(dir.resolve("config.json"))).build();
  }

  private static MockResponse basicChallenge() {
    return new MockResponse.Builder().code(401).setHeader("WWW-Authenticate", "Basic realm=\"r\"").build();
  }

  @Test
  void loginToABasicRegistryVerifiesTheCredentialThenStoresIt() throws Exception {
    server.enqueue(basicChallenge());
    server.enqueue(new MockResponse.Builder().body("{}").build());

    login.login("http://" + host + "/", Credential.basic("alice", "pw"));

    server.takeRequest();
    assertEquals(okhttp3.Credentials.basic("alice", "pw"), server.takeRequest().getHeaders().get("Authorization"));
    assertEquals(Credential.basic("alice", "pw"), login.config().credentialFor(host));
    assertEquals(Credential.basic("q", "1"), login.config().credentialFor("quay.io"), "other entries are kept");
  }

  @Test
  void refusedLoginStoresNothing() throws Exception {
    server.enqueue(basicChallenge());
    server.enqueue(basicChallenge());
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> login.login(host, Credential.basic("alice", "wrong-pw")));
    assertEquals(Reason.CREDENTIALS_REFUSED, e.reason());
    assertFalse(e.getMessage().contains("wrong-pw"));
    assertTrue(login.config().credentialFor(host).isAnonymous());
  }

  @Test
  void registryThatAnswersSomethingElseIsAnError() {
    server.enqueue(new MockResponse.Builder().code(404).build());
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> login.verify(host, Credential.basic("a", "b")));
    assertTrue(e.getMessage().contains("404"), e.getMessage());
  }

  @Test
  void aVerifierOfTheCallersReplacesTheBuiltInPingAndARefusalStoresNothing() throws Exception {
    java.util.List<String> asked = new java.util.ArrayList<>();
    Login own = Login.builder().config(login.config()).verifier((h, c) -> {
      asked.add(h + " " + ((Credential.UsernamePassword) c).username());
      if (!"ok".equals(((Credential.UsernamePassword) c).password())) {
        throw new AuthenticationException(Reason.CREDENTIALS_REFUSED, "refused by " + h);
      }
    }).build();

    own.login("HTTPS://Registry.Example:5000/", Credential.basic("alice", "ok"));
    assertThrows(AuthenticationException.class, () -> own.login("other.example", Credential.basic("bob", "no")));

    assertEquals(java.util.List.of("registry.example:5000 alice", "other.example bob"), asked);
    assertEquals(Credential.basic("alice", "ok"), own.config().credentialFor("registry.example:5000"));
    assertTrue(own.config().credentialFor("other.example").isAnonymous());
    assertEquals(0, server.getRequestCount(), "the built-in ping was not used");
  }

  @Test
  void logoutRemovesTheEntryAndReportsWhetherThereWasOne() throws Exception {
    server.enqueue(basicChallenge());
    server.enqueue(new MockResponse.Builder().build());
    login.login(host, Credential.basic("alice", "pw"));

    assertTrue(login.logout(host));
    assertTrue(login.config().credentialFor(host).isAnonymous());
    assertFalse(login.logout(host));
    assertEquals(Credential.basic("q", "1"), login.config().credentialFor("quay.io"));
  }

  @Test
  void anonymousCredentialCannotLogIn() {
    assertThrows(IllegalArgumentException.class, () -> login.login(host, Credential.anonymous()));
    assertEquals(0, server.getRequestCount());
  }
}
