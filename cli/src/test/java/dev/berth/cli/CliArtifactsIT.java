package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.content.Contents;
import dev.berth.cli.demo.DemoInputs;
import dev.berth.testkit.BaseImageLayout;
import dev.berth.testkit.RegistryServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The artifact commands (push, pull, cp, helm, image append) as a process against a real registry. */
class CliArtifactsIT {
  private static RegistryServer registry;

  @TempDir
  Path tmp;

  private BerthJar berth;
  private String host;

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
    host = registry.host();
  }

  @Test
  void pushAndPullFilesAndADirectory() throws Exception {
    Path cwd = berth.workDir();
    Files.writeString(cwd.resolve("notes.txt"), "release notes\n");
    Path dir = Files.createDirectories(cwd.resolve("site/css"));
    Files.writeString(dir.resolve("main.css"), "body{}\n");

    BerthJar.Result push = berth.run("--plain-http", "push", host + "/cli/files:v1", "notes.txt:text/plain", "site",
        "--artifact-type", "application/vnd.example.site", "--annotation", "purpose=test");
    assertEquals(0, push.exit(), push.toString());
    Digest digest = Digest.parse(push.line());

    BerthJar.Result pull = berth.run("--plain-http", "pull", host + "/cli/files:v1", "-o", "out");
    assertEquals(0, pull.exit(), pull.toString());
    assertEquals(digest.toString(), pull.line());
    assertEquals("release notes\n", Files.readString(cwd.resolve("out/notes.txt")));
    assertEquals("body{}\n", Files.readString(cwd.resolve("out/site/css/main.css")));

    BerthJar.Result again = berth.run("--plain-http", "pull", host + "/cli/files:v1", "-o", "out");
    assertEquals(ExitCodes.FAILURE, again.exit(), "existing files are not replaced without --overwrite: " + again);
    assertEquals(0, berth.run("--plain-http", "pull", host + "/cli/files:v1", "-o", "out", "--overwrite").exit());
  }

  @Test
  void pushingAMissingFileFailsWithItsName() throws Exception {
    BerthJar.Result r = berth.run("--plain-http", "push", host + "/cli/files:v2", "nope.txt");
    assertEquals(ExitCodes.FAILURE, r.exit(), r.toString());
    assertTrue(r.err().contains("nope.txt"), r.toString());
  }

  @Test
  void copyRegistryToLayoutAndBack() throws Exception {
    Path cwd = berth.workDir();
    Files.writeString(cwd.resolve("a.txt"), "copy me\n");
    String digest = berth.run("--plain-http", "push", host + "/cli/copy-src:1.0", "a.txt").line();

    BerthJar.Result toLayout = berth.run("--plain-http", "cp", "--concurrency", "2", host + "/cli/copy-src:1.0",
        "oci:saved");
    assertEquals(0, toLayout.exit(), toLayout.toString());
    assertEquals(digest, toLayout.line());
    assertEquals(digest, OciLayout.open(cwd.resolve("saved")).resolve("1.0").digest().toString());

    BerthJar.Result back = berth.run("--plain-http", "cp", "oci:saved:1.0", host + "/cli/copy-dst:restored");
    assertEquals(0, back.exit(), back.toString());
    assertEquals(digest, berth.run("--plain-http", "resolve", host + "/cli/copy-dst:restored").line());

    BerthJar.Result missing = berth.run("--plain-http", "cp", host + "/cli/copy-src:9.9", "oci:saved");
    assertEquals(ExitCodes.NOT_FOUND, missing.exit(), missing.toString());
    assertTrue(missing.err().contains("berth tags " + host + "/cli/copy-src"), missing.toString());
  }

  @Test
  void helmPushAChartDirectoryThenPullByRange() throws Exception {
    DemoInputs inputs = DemoInputs.write(tmp.resolve("inputs"));

    BerthJar.Result push = berth.run("--plain-http", "helm", "push", inputs.chartDir().toString(), "oci://" + host + "/charts");
    assertEquals(0, push.exit(), push.toString());
    assertTrue(push.err().contains("pushed " + host + "/charts/hello-chart:0.1.0"), push.toString());

    BerthJar.Result pull = berth.run("--plain-http", "helm", "pull", "oci://" + host + "/charts/hello-chart",
        "--version", "^0.1", "-o", "charts");
    assertEquals(0, pull.exit(), pull.toString());
    assertEquals(push.line(), pull.line());
    assertTrue(Files.isRegularFile(berth.workDir().resolve("charts/hello-chart-0.1.0.tgz")), pull.toString());

    BerthJar.Result none = berth.run("--plain-http", "helm", "pull", "oci://" + host + "/charts/hello-chart",
        "--version", "^2.0");
    assertEquals(ExitCodes.NOT_FOUND, none.exit(), none.toString());
  }

  @Test
  void helmSignAndVerifyWorkInTheShadedJar() throws Exception {
    // BouncyCastle inside berth.jar (its signed-jar files stripped): the lightweight API needs no JCA provider.
    DemoInputs inputs = DemoInputs.write(tmp.resolve("inputs"));
    dev.berth.testkit.PgpTestKeys.Key key = dev.berth.testkit.PgpTestKeys.generate("Jar Signer <jar@example.org>");
    Path secring = key.writeSecring(tmp.resolve("secring.gpg"));
    BerthJar.Result push = berth.run("--plain-http", "helm", "push", inputs.chartDir().toString(),
        "oci://" + host + "/signed", "--version", "0.2.0", "--sign", "--key", "Jar Signer", "--keyring", secring.toString());
    assertEquals(0, push.exit(), push.toString());

    BerthJar.Result pull = berth.run("--plain-http", "helm", "pull", "oci://" + host + "/signed/hello-chart",
        "--version", "0.2.0", "-o", "signed", "--verify", "--keyring",
        key.writeArmoredPublic(tmp.resolve("key.asc")).toString());
    assertEquals(0, pull.exit(), pull.toString());
    assertTrue(pull.err().contains("key " + key.keyId()), pull.toString());
    assertTrue(Files.isRegularFile(berth.workDir().resolve("signed/hello-chart-0.2.0.tgz.prov")), pull.toString());
  }

  @Test
  void wasmPushAndPullRoundTripAndRefuseANonWasmFile() throws Exception {
    DemoInputs inputs = DemoInputs.write(tmp.resolve("inputs"));
    BerthJar.Result push = berth.run("--plain-http", "wasm", "push", host + "/cli/add:1", inputs.wasmFile().toString());
    assertEquals(0, push.exit(), push.toString());
    assertTrue(push.err().contains("module"), push.toString());

    BerthJar.Result pull = berth.run("--plain-http", "wasm", "pull", host + "/cli/add:1", "-o", "add.wasm");
    assertEquals(0, pull.exit(), pull.toString());
    assertEquals(push.line(), pull.line());
    assertArrayEquals(Files.readAllBytes(inputs.wasmFile()), Files.readAllBytes(berth.workDir().resolve("add.wasm")));

    Files.writeString(berth.workDir().resolve("fake.wasm"), "not wasm at all");
    BerthJar.Result bad = berth.run("--plain-http", "wasm", "push", host + "/cli/add:2", "fake.wasm");
    assertEquals(ExitCodes.FAILURE, bad.exit(), bad.toString());
    assertTrue(bad.err().startsWith("error: "), bad.toString());
  }

  @Test
  void attachThenDiscoverShowsTheTree() throws Exception {
    Path cwd = berth.workDir();
    Files.writeString(cwd.resolve("app.txt"), "the subject\n");
    Files.writeString(cwd.resolve("sbom.json"), "{\"packages\":[]}\n");
    Files.writeString(cwd.resolve("sig.txt"), "signed\n");
    String subject = berth.run("--plain-http", "push", host + "/cli/subject:1", "app.txt").line();

    BerthJar.Result sbom = berth.run("--plain-http", "attach", host + "/cli/subject:1", "sbom.json:application/json",
        "--artifact-type", "application/vnd.example.sbom");
    assertEquals(0, sbom.exit(), sbom.toString());
    BerthJar.Result sig = berth.run("--plain-http", "attach", host + "/cli/subject@" + sbom.line(), "sig.txt",
        "--artifact-type", "application/vnd.example.signature");
    assertEquals(0, sig.exit(), sig.toString());

    BerthJar.Result tree = berth.run("--plain-http", "discover", host + "/cli/subject:1");
    assertEquals(0, tree.exit(), tree.toString());
    assertEquals(List.of(
        host + "/cli/subject@" + subject,
        "└── application/vnd.example.sbom " + sbom.line(),
        "    └── application/vnd.example.signature " + sig.line()), tree.out().lines().toList());

    BerthJar.Result filtered = berth.run("--plain-http", "discover", host + "/cli/subject:1",
        "--artifact-type", "application/vnd.example.signature");
    assertEquals(1, filtered.out().lines().count(), filtered.toString());
  }

  @Test
  void imageAppendBakesADirectoryOntoABase() throws Exception {
    // A base image in a layout, made by the testkit's fixture, copied into the registry with berth cp.
    Path layoutDir = BaseImageLayout.write(tmp.resolve("base-layout"), "1");
    assertEquals(0, berth.run("--plain-http", "cp", "oci:" + layoutDir + ":1", host + "/cli/base:1").exit());
    Path app = Files.createDirectories(berth.workDir().resolve("app"));
    Files.writeString(app.resolve("hello.sh"), "echo hi\n");

    BerthJar.Result r = berth.run("--plain-http", "image", "append", host + "/cli/base:1", host + "/cli/app:1",
        "--layer", "app", "--dest", "/opt/app", "--env", "GREETING=hi", "--env", "PATH=/opt/app:$PATH",
        "--chown", "1000:1000", "--chmod", "750", "--layer", "app:/home/app", "--remove", "/etc/motd",
        "--workdir", "/home/app", "--user", "1000", "--expose", "8080", "--stop-signal", "SIGINT",
        "--healthcheck", "true", "--healthcheck-interval", "1m", "--entrypoint", "/opt/app/hello.sh",
        "--concurrency", "1");
    assertEquals(0, r.exit(), r.toString());

    BerthJar.Result manifest = berth.run("--plain-http", "manifest", "get", host + "/cli/app:1");
    Manifest m = EncodedManifest.wrap(null, manifest.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)).manifest();
    assertEquals(4, m.layers().size(), "base, whiteouts, two directories: " + manifest);
    assertEquals(r.line(), Digest.sha256(manifest.out().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
    assertFalse(r.err().isEmpty(), "progress lines on stderr");
    String baseConfig = EncodedManifest.wrap(null, berth.run("--plain-http", "manifest", "get", host + "/cli/base:1")
        .out().getBytes(java.nio.charset.StandardCharsets.UTF_8)).manifest().config().digest().hex().substring(0, 12);
    assertFalse(r.err().contains(baseConfig), "the base's config was read, not pushed: " + r.err());
    assertTrue(r.err().contains("pushed sha256:" + m.config().digest().hex().substring(0, 12)), r.err());

    BerthJar.Result alone = berth.run("--plain-http", "image", "append", host + "/cli/base:1", host + "/cli/app:2",
        "--chown", "1000:1000");
    assertEquals(ExitCodes.USAGE, alone.exit(), alone.toString());
    assertTrue(alone.err().contains("--layer"), alone.toString());
  }

  @Test
  void pushToALayoutNeedsNoRegistry() throws Exception {
    Files.writeString(berth.workDir().resolve("x.bin"), "offline");
    BerthJar.Result push = berth.run("push", "oci:local:v1", "x.bin");
    assertEquals(0, push.exit(), push.toString());
    assertEquals("v1", berth.run("tags", "oci:local").line());
    byte[] manifest = Contents.fetchManifest(OciLayout.open(berth.workDir().resolve("local")),
        OciLayout.open(berth.workDir().resolve("local")).resolve("v1")).bytes();
    assertArrayEquals(manifest, berth.run("manifest", "get", "oci:local:v1").out().getBytes(
        java.nio.charset.StandardCharsets.UTF_8));
  }
}
