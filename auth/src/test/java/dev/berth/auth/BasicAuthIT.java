package dev.berth.auth;

import static dev.berth.auth.RegistryCalls.getBlob;
import static dev.berth.auth.RegistryCalls.pushBlob;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException.Reason;
import dev.berth.testkit.RegistryServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real docker-registry with htpasswd (bcrypt) Basic auth. */
class BasicAuthIT {
  private static RegistryServer registry;
  private static final OkHttpClient base = new OkHttpClient();

  @BeforeAll
  static void start() {
    registry = RegistryServer.builder().htpasswd("alice", "alice-pw").start();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static OkHttpClient client(Credential credential, RegistryCalls.RoundTrips roundTrips) {
    return base.newBuilder()
        .addInterceptor(AuthInterceptor.builder().credentials(CredentialProvider.forHost(registry.host(), credential))
            .tokenClient(base).build())
        .addNetworkInterceptor(roundTrips)
        .build();
  }

  @Test
  void basicCredentialsAreSentUpFrontOnceTheRegistryHasChallenged() throws Exception {
    RegistryCalls.RoundTrips roundTrips = new RegistryCalls.RoundTrips();
    OkHttpClient alice = client(Credential.basic("alice", "alice-pw"), roundTrips);

    String first = pushBlob(alice, registry.baseUrl(), "team/app", "one".getBytes(StandardCharsets.UTF_8));
    String second = pushBlob(alice, registry.baseUrl(), "team/app", "two".getBytes(StandardCharsets.UTF_8));
    assertEquals(200, getBlob(alice, registry.baseUrl(), "team/app", first));
    assertEquals(200, getBlob(alice, registry.baseUrl(), "team/app", second));

    // One 401, then POST+PUT twice and two GETs, all authorized up front.
    assertEquals(7, roundTrips.count.get());
  }

  @Test
  void wrongPasswordGetsTheRegistrys401AfterOneRetry() {
    RegistryCalls.RoundTrips roundTrips = new RegistryCalls.RoundTrips();
    OkHttpClient mallory = client(Credential.basic("alice", "guessed"), roundTrips);
    IOException e = assertThrows(IOException.class,
        () -> pushBlob(mallory, registry.baseUrl(), "team/app", "x".getBytes(StandardCharsets.UTF_8)));
    assertTrue(e.getMessage().contains("got 401"), e.getMessage());
    assertEquals(2, roundTrips.count.get());
  }

  @Test
  void loginStoresAVerifiedCredentialAndRefusesAWrongOne(@TempDir Path dir) throws Exception {
    Login login = Login.builder().client(base).plainHttp(registry.host())
        .config(DockerConfig.at(dir.resolve("config.json"))).build();
    login.login(registry.host(), Credential.basic("alice", "alice-pw"));
    assertEquals(Credential.basic("alice", "alice-pw"), login.config().credentialFor(registry.host()));

    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> login.verify(registry.host(), Credential.basic("alice", "nope")));
    assertEquals(Reason.CREDENTIALS_REFUSED, e.reason());
  }
}
