package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.testkit.FaultProxy;
import dev.berth.testkit.RegistryServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The low-level commands, run as a process against a real plain-HTTP registry. */
class CliPlainRegistryIT {
  private static RegistryServer registry;

  @TempDir
  Path tmp;

  private BerthJar berth;
  private String repo;

  @BeforeAll
  static void startRegistry() {
    registry = RegistryServer.start();
  }

  @AfterAll
  static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  @BeforeEach
  void setUp() throws Exception {
    berth = new BerthJar(tmp);
    repo = registry.host() + "/cli/low-level";
  }

  @Test
  void blobAndManifestRoundTripWithTagsResolveAndDelete() throws Exception {
    Path layer = Files.writeString(berth.workDir().resolve("layer.txt"), "hello from berth\n");
    Path empty = Files.writeString(berth.workDir().resolve("empty.json"), "{}");

    BerthJar.Result put = berth.run("--plain-http", "blob", "put", repo, layer.toString());
    assertEquals(0, put.exit(), put.toString());
    Digest layerDigest = Digest.parse(put.line());
    assertEquals(Digest.sha256(Files.readAllBytes(layer)), layerDigest);
    assertEquals(0, berth.run("--plain-http", "blob", "put", repo, empty.toString()).exit());

    Manifest m = Manifest.artifact("application/vnd.berth.test",
        List.of(Descriptor.of("text/plain", layerDigest, Files.size(layer))));
    EncodedManifest encoded = EncodedManifest.of(m);
    Path manifestFile = Files.write(berth.workDir().resolve("manifest.json"), encoded.bytes());

    BerthJar.Result mput = berth.run("--plain-http", "manifest", "put", repo + ":v1", manifestFile.toString());
    assertEquals(0, mput.exit(), mput.toString());
    assertEquals(encoded.digest().toString(), mput.line());

    BerthJar.Result tag = berth.run("--plain-http", "tag", repo + ":v1", "v1.0", "latest");
    assertEquals(0, tag.exit(), tag.toString());
    assertEquals(repo + ":v1.0\n" + repo + ":latest\n", tag.out());

    BerthJar.Result tags = berth.run("tags", repo, "--plain-http");
    assertEquals(List.of("latest", "v1", "v1.0"), tags.out().lines().sorted().toList(), tags.toString());

    BerthJar.Result resolve = berth.run("--plain-http", "resolve", repo + ":latest");
    assertEquals(encoded.digest().toString(), resolve.line(), resolve.toString());

    Path got = berth.workDir().resolve("got.json");
    assertEquals(0, berth.run("--plain-http", "manifest", "get", repo + ":v1", "-o", got.toString()).exit());
    assertArrayEquals(encoded.bytes(), Files.readAllBytes(got));
    BerthJar.Result toStdout = berth.run("--plain-http", "manifest", "get", repo + "@" + encoded.digest());
    assertEquals(new String(encoded.bytes(), StandardCharsets.UTF_8), toStdout.out());

    Path blobOut = berth.workDir().resolve("blob.txt");
    BerthJar.Result blobGet = berth.run("--plain-http", "blob", "get", repo + "@" + layerDigest, "-o", blobOut.toString());
    assertEquals(0, blobGet.exit(), blobGet.toString());
    assertEquals("hello from berth\n", Files.readString(blobOut));

    BerthJar.Result delete = berth.run("--plain-http", "manifest", "delete", repo + ":v1");
    assertEquals(0, delete.exit(), delete.toString());
    BerthJar.Result gone = berth.run("--plain-http", "resolve", repo + ":latest");
    assertEquals(ExitCodes.NOT_FOUND, gone.exit(), gone.toString());
  }

  @Test
  void copyToAnotherRepositoryOfTheSameRegistryMountsEveryBlob() throws Exception {
    Files.writeString(berth.workDir().resolve("a.txt"), "first layer");
    Files.writeString(berth.workDir().resolve("b.txt"), "second layer");
    String from = registry.host() + "/cli/mount-from";
    assertEquals(0, berth.run("--plain-http", "push", from + ":v1", "a.txt", "b.txt").exit());

    try (FaultProxy proxy = FaultProxy.inFrontOf(registry)) {
      String to = proxy.host() + "/cli/mount-to";
      BerthJar.Result cp = berth.run("--plain-http", "cp", proxy.host() + "/cli/mount-from:v1", to + ":v1");
      assertEquals(0, cp.exit(), cp.toString());

      List<String> requests = proxy.requests();
      List<String> mounts = requests.stream().filter(r -> r.startsWith("POST /v2/cli/mount-to/blobs/uploads/?mount=")).toList();
      assertEquals(3, mounts.size(), "two files and the empty config, one mount each: " + requests);
      assertTrue(mounts.stream().allMatch(r -> r.endsWith("&from=cli%2Fmount-from")), requests.toString());
      assertTrue(requests.stream().noneMatch(r -> r.startsWith("GET /v2/cli/mount-from/blobs/")),
          "no blob is downloaded: " + requests);
      assertTrue(requests.stream().noneMatch(r -> r.startsWith("PUT /v2/cli/mount-to/blobs/")),
          "no blob is uploaded: " + requests);
    }
    BerthJar.Result pulled = berth.run("--plain-http", "pull", registry.host() + "/cli/mount-to:v1", "-o", "out");
    assertEquals(0, pulled.exit(), pulled.toString());
    assertEquals("second layer", Files.readString(berth.workDir().resolve("out/b.txt")));
  }

  @Test
  void unknownTagExitsFourAndSaysHowToListTags() throws Exception {
    Path f = Files.writeString(berth.workDir().resolve("x.txt"), "x");
    berth.run("--plain-http", "blob", "put", repo, f.toString());
    BerthJar.Result r = berth.run("--plain-http", "resolve", repo + ":no-such-tag");
    assertEquals(ExitCodes.NOT_FOUND, r.exit(), r.toString());
    assertEquals("", r.out());
    assertTrue(r.err().startsWith("error: "), r.toString());
    assertTrue(r.err().contains("hint: list the tags with: berth tags " + repo), r.toString());
  }

  @Test
  void tagsOfAnUnknownRepositoryIsNotFoundWithoutACircularHint() throws Exception {
    BerthJar.Result r = berth.run("--plain-http", "tags", registry.host() + "/no/such/repo");
    assertEquals(ExitCodes.NOT_FOUND, r.exit(), r.toString());
    assertEquals(1, r.err().lines().count(), r.toString());
  }

  @Test
  void tlsToAPlainRegistrySuggestsPlainHttp() throws Exception {
    BerthJar.Result r = berth.run("tags", repo);
    assertEquals(ExitCodes.NETWORK, r.exit(), r.toString());
    assertTrue(r.err().contains("--plain-http"), r.toString());
    assertEquals(2, r.err().lines().count(), "one error line and one hint line: " + r);
  }

  @Test
  void unreachableRegistryIsANetworkFailure() throws Exception {
    BerthJar.Result r = berth.run("--plain-http", "tags", "127.0.0.1:1/nothing/here");
    assertEquals(ExitCodes.NETWORK, r.exit(), r.toString());
    assertTrue(r.err().startsWith("error: cannot connect to 127.0.0.1:1"), r.toString());
  }

  @Test
  void malformedReferenceIsAUsageError() throws Exception {
    BerthJar.Result r = berth.run("resolve", "Not A Reference");
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().startsWith("error: "), r.toString());
  }

  @Test
  void verboseLogsExchangesOnStderrOnly() throws Exception {
    Path f = Files.writeString(berth.workDir().resolve("v.txt"), "verbose");
    BerthJar.Result r = berth.run("--plain-http", "--verbose", "blob", "put", repo, f.toString());
    assertEquals(0, r.exit(), r.toString());
    assertEquals(Digest.sha256("verbose".getBytes(StandardCharsets.UTF_8)).toString(), r.line());
    assertTrue(r.err().contains("--> HEAD http://" + registry.host() + "/v2/cli/low-level/blobs/sha256:"), r.err());
    assertTrue(r.err().contains("<-- 201"), r.err());
  }
}
