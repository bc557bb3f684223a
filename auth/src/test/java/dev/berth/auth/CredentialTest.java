package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialTest {

  @Test
  void toStringOfEveryKindHidesTheSecret() {
    List<Credential> credentials = List.of(
        Credential.basic("alice", "hunter2-secret"),
        new Credential.IdentityToken("alice", "hunter2-secret"),
        Credential.accessToken("hunter2-secret"));
    for (Credential credential : credentials) {
      assertFalse(credential.toString().contains("hunter2-secret"), credential.toString());
      assertTrue(credential.toString().contains("redacted"), credential.toString());
    }
    assertTrue(Credential.basic("alice", "x").toString().contains("alice"), "the user is not a secret");
  }

  @Test
  void anonymousIsTheOnlyEmptyCredential() {
    assertTrue(Credential.anonymous().isAnonymous());
    assertSame(Credential.anonymous(), Credential.anonymous());
    assertFalse(Credential.basic("a", "b").isAnonymous());
  }

  @Test
  void chainReturnsTheFirstNonAnonymousAnswer() throws Exception {
    CredentialProvider chain = CredentialProvider.chain(
        CredentialProvider.anonymous(),
        host -> null,
        CredentialProvider.forHost("ghcr.io", Credential.basic("first", "1")),
        CredentialProvider.of(Credential.basic("fallback", "2")));
    assertEquals(Credential.basic("first", "1"), chain.credentialFor("ghcr.io"));
    assertEquals(Credential.basic("fallback", "2"), chain.credentialFor("quay.io"));
    assertTrue(CredentialProvider.chain().credentialFor("ghcr.io").isAnonymous());
  }

  @Test
  void forHostMatchesTheHostOnlyIgnoringCase() throws Exception {
    CredentialProvider provider = CredentialProvider.forHost("GHCR.io", Credential.basic("a", "b"));
    assertEquals(Credential.basic("a", "b"), provider.credentialFor("ghcr.IO"));
    assertTrue(provider.credentialFor("ghcr.io:443").isAnonymous());
  }

  @Test
  void environmentGivesGithubActorAndTokenForGhcrOnly() throws Exception {
    CredentialProvider env = CredentialProvider.environment(Map.of("GITHUB_ACTOR", "octocat", "GITHUB_TOKEN", "ghs_abc"));
    assertEquals(Credential.basic("octocat", "ghs_abc"), env.credentialFor("ghcr.io"));
    assertTrue(env.credentialFor("docker.io").isAnonymous());
  }

  @Test
  void environmentWithoutBothGithubVariablesGivesNothing() throws Exception {
    assertTrue(CredentialProvider.environment(Map.of("GITHUB_TOKEN", "ghs_abc")).credentialFor("ghcr.io").isAnonymous());
    assertTrue(CredentialProvider.environment(Map.of("GITHUB_ACTOR", "octocat")).credentialFor("ghcr.io").isAnonymous());
    assertTrue(CredentialProvider.environment(Map.of()).credentialFor("ghcr.io").isAnonymous());
  }
}
