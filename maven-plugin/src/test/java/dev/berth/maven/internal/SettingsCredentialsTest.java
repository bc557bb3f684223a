package dev.berth.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.Credential;
import java.util.List;
import org.apache.maven.settings.Server;
import org.junit.jupiter.api.Test;

class SettingsCredentialsTest {
  private static Server server(String id, String user, String password) {
    Server s = new Server();
    s.setId(id);
    s.setUsername(user);
    s.setPassword(password);
    return s;
  }

  @Test
  void theServerWhoseIdIsTheHostGivesUserAndDecryptedPassword() {
    SettingsCredentials creds = new SettingsCredentials(
        List.of(server("github", "x", "y"), server("GHCR.io", "octocat", "{encrypted}")),
        s -> server(s.getId(), s.getUsername(), s.getPassword().equals("{encrypted}") ? "ghp_plain" : s.getPassword()));
    assertEquals(Credential.basic("octocat", "ghp_plain"), creds.credentialFor("ghcr.io"));
    assertTrue(creds.credentialFor("registry.example.com").isAnonymous());
  }

  @Test
  void aServerWithAPortMatchesOnlyThatPort() {
    SettingsCredentials creds = new SettingsCredentials(List.of(server("localhost:5000", "ci", "t")), s -> s);
    assertFalse(creds.credentialFor("localhost:5000").isAnonymous());
    assertTrue(creds.credentialFor("localhost:5001").isAnonymous());
    assertTrue(creds.credentialFor("localhost").isAnonymous());
  }

  @Test
  void anUnsetEnvironmentVariableIsNamedNotSentAsAPassword() {
    // Maven leaves ${env.GITHUB_TOKEN} as written when the variable is not set.
    SettingsCredentials creds = new SettingsCredentials(
        List.of(server("ghcr.io", "octocat", "${env.GITHUB_TOKEN}")), s -> s);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> creds.credentialFor("ghcr.io"));
    assertEquals("settings.xml server ghcr.io has no password (it reads ${env.GITHUB_TOKEN}, which is not set"
        + " in this environment)", e.getMessage());
  }

  @Test
  void aPasswordWithoutAUserIsAMistakeNamedWithoutThePassword() {
    SettingsCredentials creds = new SettingsCredentials(List.of(server("ghcr.io", null, "ghp_secret")), s -> s);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> creds.credentialFor("ghcr.io"));
    assertFalse(e.getMessage().contains("ghp_secret"), e.getMessage());
    assertTrue(e.getMessage().contains("no <username>"), e.getMessage());
  }

  @Test
  void aServerWithNeitherUserNorPasswordLeavesTheHostToOtherSources() {
    SettingsCredentials creds = new SettingsCredentials(List.of(server("ghcr.io", null, null)), s -> s);
    assertTrue(creds.credentialFor("ghcr.io").isAnonymous());
    assertTrue(new SettingsCredentials(null, s -> s).credentialFor("ghcr.io").isAnonymous());
  }
}
