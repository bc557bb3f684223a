package dev.berth.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerConfigTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static String auth(String user, String password) {
    return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private DockerConfig config(String json) throws IOException {
    Path file = dir.resolve("config.json");
    Files.writeString(file, json);
    return DockerConfig.at(file).withHelperSearchPath(List.of(dir.resolve("bin")));
  }

  @Test
  void authFieldIsBase64OfUserColonPassword() throws Exception {
    DockerConfig config = config("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth("alice", "pa:ss") + "\"}}}");
    assertEquals(Credential.basic("alice", "pa:ss"), config.credentialFor("ghcr.io"));
  }

  @Test
  void usernameAndPasswordFieldsAreReadWhenThereIsNoAuthField() throws Exception {
    DockerConfig config = config("{\"auths\":{\"quay.io\":{\"username\":\"bob\",\"password\":\"pw\"}}}");
    assertEquals(Credential.basic("bob", "pw"), config.credentialFor("quay.io"));
  }

  @Test
  void identityTokenEntryGivesAnIdentityToken() throws Exception {
    DockerConfig config = config("{\"auths\":{\"myregistry.azurecr.io\":{\"auth\":\"" + auth("00000000-0000", "")
        + "\",\"identitytoken\":\"refresh-abc\"}}}");
    assertEquals(new Credential.IdentityToken("00000000-0000", "refresh-abc"), config.credentialFor("myregistry.azurecr.io"));
  }

  @Test
  void registryTokenEntryGivesAnAccessToken() throws Exception {
    DockerConfig config = config("{\"auths\":{\"r.example\":{\"registrytoken\":\"bearer-abc\"}}}");
    assertEquals(Credential.accessToken("bearer-abc"), config.credentialFor("r.example"));
  }

  @Test
  void keysWrittenWithSchemeOrPathMatchTheHost() throws Exception {
    DockerConfig config = config("{\"auths\":{"
        + "\"https://r1.example\":{\"auth\":\"" + auth("u1", "p1") + "\"},"
        + "\"http://r2.example:5000/v2/\":{\"auth\":\"" + auth("u2", "p2") + "\"},"
        + "\"R3.Example\":{\"auth\":\"" + auth("u3", "p3") + "\"}}}");
    assertEquals(Credential.basic("u1", "p1"), config.credentialFor("r1.example"));
    assertEquals(Credential.basic("u2", "p2"), config.credentialFor("r2.example:5000"));
    assertEquals(Credential.basic("u3", "p3"), config.credentialFor("r3.example"));
    assertTrue(config.credentialFor("r2.example").isAnonymous(), "another port is another registry");
  }

  @Test
  void exactKeyWinsOverAKeyWithScheme() throws Exception {
    DockerConfig config = config("{\"auths\":{"
        + "\"https://ghcr.io\":{\"auth\":\"" + auth("old", "1") + "\"},"
        + "\"ghcr.io\":{\"auth\":\"" + auth("new", "2") + "\"}}}");
    assertEquals(Credential.basic("new", "2"), config.credentialFor("ghcr.io"));
  }

  @Test
  void dockerHubIsFoundUnderItsV1KeyForEveryHubHostName() throws Exception {
    DockerConfig config = config("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + auth("hubuser", "hubpw") + "\"}}}");
    for (String host : List.of("docker.io", "index.docker.io", "registry-1.docker.io")) {
      assertEquals(Credential.basic("hubuser", "hubpw"), config.credentialFor(host), host);
    }
  }

  @Test
  void podmanNamespaceKeyIsNotUsedForTheWholeHost() throws Exception {
    DockerConfig config = config("{\"auths\":{\"quay.io/team\":{\"auth\":\"" + auth("team", "pw") + "\"}}}");
    assertTrue(config.credentialFor("quay.io").isAnonymous());
  }

  @Test
  void missingFileOrMissingEntryMeansAnonymous() throws Exception {
    assertTrue(DockerConfig.at(dir.resolve("absent.json")).credentialFor("ghcr.io").isAnonymous());
    assertTrue(config("{}").credentialFor("ghcr.io").isAnonymous());
    assertTrue(config("").credentialFor("ghcr.io").isAnonymous());
  }

  @Test
  void malformedFileIsAnErrorThatDoesNotQuoteTheFile() throws Exception {
    DockerConfig config = config("{\"auths\":{\"ghcr.io\":{\"auth\":\"c2VjcmV0LXZhbHVl\" oops");
    IOException e = assertThrows(IOException.class, () -> config.credentialFor("ghcr.io"));
    assertFalse(e.getMessage().contains("c2VjcmV0LXZhbHVl"), e.getMessage());
  }

  @Test
  void credHelpersEntryIsAskedForItsHost() throws Exception {
    HelperScripts.fakeStore(Files.createDirectories(dir.resolve("bin")), "fake");
    DockerConfig config = config("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth("file", "x") + "\"}},"
        + "\"credHelpers\":{\"ghcr.io\":\"fake\"}}");
    assertEquals(Credential.basic("alice", "pat-123"), config.credentialFor("ghcr.io"));
  }

  @Test
  void credsStoreIsAskedForEveryHostAndTheFileEntryServesWhenItHasNothing() throws Exception {
    HelperScripts.fakeStore(Files.createDirectories(dir.resolve("bin")), "fake");
    DockerConfig config = config("{\"auths\":{\"quay.io\":{\"auth\":\"" + auth("file", "x") + "\"}},"
        + "\"credsStore\":\"fake\"}");
    assertEquals(Credential.basic("alice", "pat-123"), config.credentialFor("ghcr.io"));
    assertEquals(Credential.basic("file", "x"), config.credentialFor("quay.io"));
  }

  @Test
  void missingCredentialHelperIsAnError() throws Exception {
    DockerConfig config = config("{\"credsStore\":\"desktop\"}");
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> config.credentialFor("ghcr.io"));
    assertEquals(AuthenticationException.Reason.HELPER_FAILED, e.reason());
    assertTrue(e.getMessage().contains("docker-credential-desktop"), e.getMessage());
  }

  @Test
  void storeKeepsOtherEntriesAndFieldsAndWritesMode0600() throws Exception {
    DockerConfig config = config("{\"auths\":{\"quay.io\":{\"auth\":\"" + auth("q", "1") + "\"}},"
        + "\"psFormat\":\"table {{.ID}}\",\"proxies\":{\"default\":{\"httpProxy\":\"http://p:3128\"}}}");
    config.store("ghcr.io", Credential.basic("alice", "pat"));

    JsonNode root = JSON.readTree(config.file().toFile());
    assertEquals(auth("q", "1"), root.at("/auths/quay.io/auth").asText());
    assertEquals(auth("alice", "pat"), root.at("/auths/ghcr.io/auth").asText());
    assertEquals("table {{.ID}}", root.at("/psFormat").asText());
    assertEquals("http://p:3128", root.at("/proxies/default/httpProxy").asText());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config.file())));
    assertEquals(Credential.basic("alice", "pat"), config.credentialFor("ghcr.io"));
    try (Stream<Path> files = Files.list(dir)) {
      // The empty lock file other processes lock on stays (replacing config.json would drop a lock on it).
      assertEquals(List.of(".config.json.lock", "config.json"), files.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals("bin")).sorted().toList(), "no temporary file is left behind");
      assertEquals(0, Files.size(dir.resolve(".config.json.lock")));
    }
  }

  @Test
  void storeCreatesTheFileAndItsDirectory() throws Exception {
    DockerConfig config = DockerConfig.at(dir.resolve("new/.docker/config.json"));
    config.store("localhost:5000", Credential.basic("u", "p"));
    assertEquals(Credential.basic("u", "p"), config.credentialFor("localhost:5000"));
  }

  @Test
  void storeReplacesTheHostsEntryUnderItsExistingKey() throws Exception {
    DockerConfig config = config("{\"auths\":{\"https://ghcr.io\":{\"auth\":\"" + auth("old", "1") + "\",\"email\":\"a@b\"}}}");
    config.store("ghcr.io", Credential.basic("new", "2"));
    JsonNode auths = JSON.readTree(config.file().toFile()).get("auths");
    assertEquals(List.of("https://ghcr.io"), List.copyOf(iterable(auths.fieldNames())));
    assertEquals(auth("new", "2"), auths.at("/https:~1~1ghcr.io/auth").asText());
    assertEquals("a@b", auths.at("/https:~1~1ghcr.io/email").asText());
  }

  @Test
  void storeForDockerHubUsesTheV1Key() throws Exception {
    DockerConfig config = config("{}");
    config.store("docker.io", Credential.basic("hub", "pw"));
    assertTrue(JSON.readTree(config.file().toFile()).at("/auths").has("https://index.docker.io/v1/"));
  }

  @Test
  void storeOfAnIdentityTokenWritesTheIdentityTokenField() throws Exception {
    DockerConfig config = config("{}");
    config.store("r.example", new Credential.IdentityToken("user", "refresh"));
    JsonNode entry = JSON.readTree(config.file().toFile()).at("/auths/r.example");
    assertEquals("refresh", entry.get("identitytoken").asText());
    assertEquals(new Credential.IdentityToken("user", "refresh"), config.credentialFor("r.example"));
  }

  @Test
  void storeGoesThroughTheConfiguredHelperAndLeavesOnlyAnEmptyEntry() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    HelperScripts.fakeStore(bin, "fake");
    DockerConfig config = config("{\"auths\":{\"ghcr.io\":{\"auth\":\"" + auth("stale", "x") + "\"}},\"credsStore\":\"fake\"}");
    config.store("ghcr.io", Credential.basic("bob", "pw"));
    assertEquals("{\"ServerURL\":\"ghcr.io\",\"Username\":\"bob\",\"Secret\":\"pw\"}",
        Files.readString(bin.resolve("stored-store.json")));
    JsonNode entry = JSON.readTree(config.file().toFile()).at("/auths/ghcr.io");
    assertEquals(0, entry.size(), "no plain-text secret is left in the file");
    assertEquals("fake", JSON.readTree(config.file().toFile()).get("credsStore").asText());
  }

  @Test
  void eraseRemovesEveryEntryForTheHostAndNothingElse() throws Exception {
    DockerConfig config = config("{\"auths\":{\"https://ghcr.io\":{\"auth\":\"a\"},\"ghcr.io\":{\"auth\":\"b\"},"
        + "\"quay.io\":{\"auth\":\"" + auth("q", "1") + "\"}}}");
    assertTrue(config.erase("ghcr.io"));
    JsonNode auths = JSON.readTree(config.file().toFile()).get("auths");
    assertEquals(List.of("quay.io"), List.copyOf(iterable(auths.fieldNames())));
    assertFalse(config.erase("ghcr.io"), "nothing left to remove");
  }

  @Test
  void eraseGoesThroughTheHostsHelper() throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    HelperScripts.fakeStore(bin, "fake");
    DockerConfig config = config("{\"credHelpers\":{\"ghcr.io\":\"fake\"}}");
    assertTrue(config.erase("ghcr.io"));
    assertEquals("ghcr.io", Files.readString(bin.resolve("erased.txt")));
  }

  @Test
  void dockerFileIsFoundThroughDockerConfigOrHome() {
    assertEquals(Path.of("/cfg/config.json"), DockerConfig.docker(Map.of("DOCKER_CONFIG", "/cfg", "HOME", "/h")).file());
    assertEquals(Path.of("/h/.docker/config.json"), DockerConfig.docker(Map.of("HOME", "/h")).file());
  }

  @Test
  void podmanFileIsFoundThroughRegistryAuthFileOrRuntimeDirOrHome() {
    assertEquals(Path.of("/a/auth.json"),
        DockerConfig.podman(Map.of("REGISTRY_AUTH_FILE", "/a/auth.json", "XDG_RUNTIME_DIR", "/run/user/1")).file());
    assertEquals(Path.of("/run/user/1/containers/auth.json"),
        DockerConfig.podman(Map.of("XDG_RUNTIME_DIR", "/run/user/1", "HOME", "/h")).file());
    assertEquals(Path.of("/h/.config/containers/auth.json"), DockerConfig.podman(Map.of("HOME", "/h")).file());
  }

  @Test
  void defaultsPreferDockerThenPodmanThenHelmAndTheEnvironmentLast() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(home.resolve(".docker/config.json"), "{\"auths\":{"
        + "\"ghcr.io\":{\"auth\":\"" + auth("docker-user", "d") + "\"},"
        + "\"quay.io\":{\"auth\":\"" + auth("docker-user", "d") + "\"}}}");
    Path runtime = Files.createDirectories(dir.resolve("run/containers"));
    Files.writeString(runtime.resolve("auth.json"), "{\"auths\":{"
        + "\"quay.io\":{\"auth\":\"" + auth("podman-user", "p") + "\"},"
        + "\"registry.example\":{\"auth\":\"" + auth("podman-user", "p") + "\"}}}");
    Path helm = Files.createDirectories(home.resolve(".config/helm/registry"));
    Files.writeString(helm.resolve("config.json"), "{\"auths\":{"
        + "\"registry.example\":{\"auth\":\"" + auth("helm-user", "h") + "\"},"
        + "\"charts.example\":{\"auth\":\"" + auth("helm-user", "h") + "\"}}}");
    Map<String, String> env = Map.of(
        "HOME", home.toString(), "XDG_RUNTIME_DIR", dir.resolve("run").toString(),
        "GITHUB_ACTOR", "octocat", "GITHUB_TOKEN", "ghs_x");
    CredentialProvider defaults = CredentialProvider.defaults(env);

    // An explicit login (docker login, berth login, docker/login-action) wins over an ambient GITHUB_TOKEN.
    assertEquals(Credential.basic("docker-user", "d"), defaults.credentialFor("ghcr.io"));
    assertEquals("from " + home.resolve(".docker/config.json"), defaults.find("ghcr.io").source());
    assertEquals(Credential.basic("docker-user", "d"), defaults.credentialFor("quay.io"));
    assertEquals(Credential.basic("podman-user", "p"), defaults.credentialFor("registry.example"));
    assertEquals(Credential.basic("helm-user", "h"), defaults.credentialFor("charts.example"));
    assertEquals("from " + helm.resolve("config.json"), defaults.find("charts.example").source());
    assertTrue(defaults.credentialFor("nothing.example").isAnonymous());
    assertEquals("no credential found", defaults.find("nothing.example").source());

    Files.delete(home.resolve(".docker/config.json"));
    FoundCredential ambient = defaults.find("ghcr.io");
    assertEquals(Credential.basic("octocat", "ghs_x"), ambient.credential());
    assertEquals("user octocat from GITHUB_TOKEN", ambient.describe());
  }

  @Test
  void helmsRegistryConfigIsFoundAsHelmFindsIt() {
    assertEquals(Path.of("/x/reg.json"), DockerConfig.helm(Map.of("HELM_REGISTRY_CONFIG", "/x/reg.json")).file());
    assertEquals(Path.of("/hc/registry/config.json"),
        DockerConfig.helm(Map.of("HELM_CONFIG_HOME", "/hc", "XDG_CONFIG_HOME", "/xdg")).file());
    assertEquals(Path.of("/xdg/helm/registry/config.json"), DockerConfig.helm(Map.of("XDG_CONFIG_HOME", "/xdg")).file());
    assertEquals(Path.of("/h/.config/helm/registry/config.json"), DockerConfig.helm(Map.of("HOME", "/h")).file());
  }

  @Test
  void podmanNamespaceKeysMatchByTheLongestPrefixAndWinOverTheHost() throws Exception {
    Path file = dir.resolve("auth.json");
    Files.writeString(file, "{\"auths\":{"
        + "\"ghcr.io\":{\"auth\":\"" + auth("host-user", "1") + "\"},"
        + "\"ghcr.io/octo\":{\"auth\":\"" + auth("octo-user", "2") + "\"},"
        + "\"ghcr.io/octo/tools\":{\"auth\":\"" + auth("tools-user", "3") + "\"},"
        + "\"ghcr.io/oct\":{\"auth\":\"" + auth("prefix-trap", "4") + "\"}}}");
    DockerConfig config = DockerConfig.at(file);

    assertEquals(Credential.basic("tools-user", "3"), config.findForNamespace("ghcr.io", "octo/tools/base").credential());
    assertEquals(Credential.basic("octo-user", "2"), config.findForNamespace("ghcr.io", "octo/app").credential());
    assertEquals(Credential.basic("octo-user", "2"), config.findForNamespace("ghcr.io", "octo").credential());
    assertEquals(null, config.findForNamespace("ghcr.io", "octopus/app"));
    assertEquals(null, config.findForNamespace("quay.io", "octo/app"));
    assertEquals(Credential.basic("host-user", "1"), config.credentialFor("ghcr.io"));
    assertTrue(config.findForNamespace("ghcr.io", "octo/app").source().endsWith("(its ghcr.io/octo entry)"));
  }

  private static <T> List<T> iterable(java.util.Iterator<T> it) {
    List<T> out = new java.util.ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }
}
