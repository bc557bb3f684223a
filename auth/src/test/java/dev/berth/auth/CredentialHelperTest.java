package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.auth.AuthenticationException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialHelperTest {
  @TempDir Path bin;
  private CredentialHelper helper;

  @BeforeEach
  void writeHelper() throws Exception {
    HelperScripts.fakeStore(bin, "fake");
    helper = CredentialHelper.named("fake", List.of(bin));
  }

  @Test
  void getReturnsTheUsernameAndSecretTheHelperPrints() throws Exception {
    assertEquals(Credential.basic("alice", "pat-123"), helper.credentialFor("ghcr.io"));
  }

  @Test
  void tokenUsernameMarksAnIdentityToken() throws Exception {
    assertEquals(Credential.identityToken("refresh-xyz"), helper.credentialFor("tokens.example"));
  }

  @Test
  void helperWithoutCredentialsForTheHostMeansAnonymous() throws Exception {
    assertTrue(helper.credentialFor("unknown.example").isAnonymous());
  }

  @Test
  void storeSendsTheCredentialAsJsonOnStdin() throws Exception {
    helper.store("ghcr.io", Credential.basic("bob", "pw"));
    assertEquals("{\"ServerURL\":\"ghcr.io\",\"Username\":\"bob\",\"Secret\":\"pw\"}",
        Files.readString(bin.resolve("stored-store.json")));
  }

  @Test
  void storeWritesAnIdentityTokenWithTheTokenUsername() throws Exception {
    helper.store("tokens.example", Credential.identityToken("rt"));
    assertEquals("{\"ServerURL\":\"tokens.example\",\"Username\":\"<token>\",\"Secret\":\"rt\"}",
        Files.readString(bin.resolve("stored-store.json")));
  }

  @Test
  void eraseSendsTheServerUrlOnStdin() throws Exception {
    helper.erase("ghcr.io");
    assertEquals("ghcr.io", Files.readString(bin.resolve("erased.txt")));
  }

  @Test
  void missingHelperIsAClearError() {
    CredentialHelper missing = CredentialHelper.named("nowhere", List.of(bin));
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> missing.credentialFor("ghcr.io"));
    assertEquals(Reason.HELPER_FAILED, e.reason());
    assertTrue(e.getMessage().contains("docker-credential-nowhere is not installed"), e.getMessage());
  }

  @Test
  void failingHelperReportsItsExitCodeAndMessage() throws Exception {
    HelperScripts.write(bin, "broken", "echo 'keychain is locked' >&2; exit 3\n");
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> CredentialHelper.named("broken", List.of(bin)).credentialFor("ghcr.io"));
    assertEquals(Reason.HELPER_FAILED, e.reason());
    assertTrue(e.getMessage().contains("exit code 3") && e.getMessage().contains("keychain is locked"), e.getMessage());
  }

  @Test
  void helperThatPrintsSomethingElseThanJsonFails() throws Exception {
    HelperScripts.write(bin, "chatty", "echo 'hello there'\n");
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> CredentialHelper.named("chatty", List.of(bin)).credentialFor("ghcr.io"));
    assertEquals(Reason.HELPER_FAILED, e.reason());
  }

  @Test
  void slowHelperIsStoppedAtTheTimeout() throws Exception {
    HelperScripts.write(bin, "slow", "exec sleep 30\n");
    CredentialHelper slow = CredentialHelper.named("slow", List.of(bin)).withTimeout(Duration.ofMillis(300));
    long start = System.nanoTime();
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> slow.credentialFor("ghcr.io"));
    assertEquals(Reason.HELPER_FAILED, e.reason());
    assertTrue(e.getMessage().contains("did not finish"), e.getMessage());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
  }

  @Test
  void helperIsFoundInTheFirstSearchPathDirectoryThatHasIt(@TempDir Path other) throws Exception {
    HelperScripts.write(other, "fake", "echo '{\"Username\":\"from-other\",\"Secret\":\"s\"}'\n");
    CredentialHelper first = CredentialHelper.named("fake", List.of(other, bin));
    assertEquals(Credential.basic("from-other", "s"), first.credentialFor("ghcr.io"));
  }

  @Test
  void searchPathComesFromThePathVariableGiven() {
    String path = "/one" + java.io.File.pathSeparator + java.io.File.pathSeparator + "/two";
    assertEquals(List.of(Path.of("/one"), Path.of("/two")), CredentialHelper.searchPath(Map.of("PATH", path)));
    assertEquals(List.of(), CredentialHelper.searchPath(Map.of()));
  }

  @Test
  void helperNameCannotBeAPath() {
    for (String name : List.of("../bin/sh", "/bin/sh", "", "a/b", "-rf")) {
      assertThrows(IllegalArgumentException.class, () -> CredentialHelper.named(name, List.of(bin)), name);
    }
  }

  @Test
  void secretsAreNotInTheHelpersToString() throws Exception {
    assertFalse(helper.credentialFor("ghcr.io").toString().contains("pat-123"));
  }
}
