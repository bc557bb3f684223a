package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.Credential;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.UnauthorizedException;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuthFailuresTest {
  private final MockRegistry registry;

  AuthFailuresTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void aTokenEndpointRefusingTheCredentialsIsAnUnauthorizedExceptionWithoutTheSecret() throws Exception {
    String realm = "http://" + registry.host() + "/token";
    registry.enqueue(401, "WWW-Authenticate", "Bearer realm=\"" + realm + "\",service=\"registry.test\"");
    registry.enqueueBody(401, "{\"details\":\"bad credentials\"}");
    Repository repo = registry.clientBuilder()
        .credentials(CredentialProvider.of(Credential.basic("alice", "hunter2"))).build()
        .repository(registry.host() + "/team/app");

    UnauthorizedException e = assertThrows(UnauthorizedException.class, repo::tags);

    assertInstanceOf(AuthenticationException.class, e.getCause());
    assertTrue(e.getMessage().contains(registry.host() + "/team/app"), e.getMessage());
    assertTrue(e.getMessage().contains("pull"), e.getMessage());
    assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    registry.take("GET", "/v2/team/app/tags/list");
    registry.take("GET", "/token");
  }
}
