package dev.berth.artifacts.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Platform;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.testkit.RegistryServer;
import dev.berth.testkit.Skopeo;
import dev.berth.testkit.Umoci;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bakes files into images on a real registry (distribution 2.8, plain HTTP), then checks with other
 * clients: skopeo copies the result into an OCI layout and umoci unpacks it, showing the base's files
 * and the added ones. Traffic is recorded to show base layers are mounted (same registry) or streamed
 * once (another registry), never re-uploaded from a download.
 */
class ImageBakeIT {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static RegistryServer registry;
  private static RegistryServer other;
  private static final RequestLog LOG = new RequestLog();
  private static RegistryClient client;

  @TempDir Path tmp;
  private Path app;

  @BeforeAll
  static void start() {
    registry = RegistryServer.start();
    other = RegistryServer.start();
    client = RegistryClient.builder().plainHttp(registry.host(), other.host()).addNetworkInterceptor(LOG).build();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
    if (other != null) {
      other.close();
    }
  }

  @BeforeEach
  void files() throws IOException {
    app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("hello.txt"), "hello from berth\n");
    Files.createDirectories(app.resolve("bin"));
    Path run = Files.writeString(app.resolve("bin/run"), "#!/bin/sh\necho run\n");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private static ImageFixtures.Base pushBase(Repository repo, boolean docker) throws IOException {
    return ImageFixtures.pushBase(repo, "1", docker, AMD64, List.of(
        Map.of("etc/", "", "etc/os-release", "ID=berth-test\n"),
        Map.of("usr/", "", "usr/bin/", "", "usr/bin/tool", "#!/bin/sh\n")));
  }

  private Path unpack(String host, String repository, String tag) throws IOException {
    Path layout = tmp.resolve("layout");
    Skopeo.create().copy("docker://" + host + "/" + repository + ":" + tag, "oci:" + layout + ":" + tag,
        "--src-tls-verify=false");
    Path bundle = tmp.resolve("bundle");
    Umoci.create().unpack(layout, tag, bundle);
    return bundle.resolve("rootfs");
  }

  private static void assertBaseAndAddedFiles(Path rootfs) throws IOException {
    assertEquals("ID=berth-test\n", Files.readString(rootfs.resolve("etc/os-release")), "base layer 1");
    assertTrue(Files.exists(rootfs.resolve("usr/bin/tool")), "base layer 2");
    assertEquals("hello from berth\n", Files.readString(rootfs.resolve("opt/app/hello.txt")), "added layer");
    assertTrue(Files.isExecutable(rootfs.resolve("opt/app/bin/run")), "exec bit survives");
  }

  @Test
  void bakeOntoDockerBaseOnSameRegistryMountsBaseLayersAndUnpacksWithUmoci() throws IOException {
    Repository base = client.repository(registry.host() + "/library/base");
    ImageFixtures.Base b = pushBase(base, true);
    Repository target = client.repository(registry.host() + "/apps/baked");
    LOG.clear();

    BakedImage baked = ImageBaker.builder().layer(LayerSource.directory(app, "/opt/app"))
        .entrypoint(List.of("/opt/app/bin/run")).env("APP_HOME", "/opt/app").build()
        .bake(base, "1", target, "1.0");

    for (Descriptor layer : b.layers()) {
      String digest = layer.digest().toString();
      assertEquals(List.of(), LOG.matching("GET ", digest), "base layer not downloaded: " + LOG.all());
      assertEquals(List.of(), LOG.matching("PUT ", "digest=" + digest.replace(":", "%3A")),
          "base layer not uploaded: " + LOG.all());
      assertEquals(1, LOG.matching("POST /v2/apps/baked/blobs/uploads/", "mount=" + digest.replace(":", "%3A"),
          "from=library%2Fbase").size() + LOG.matching("POST /v2/apps/baked/blobs/uploads/",
          "mount=" + digest, "from=library/base").size(), "base layer mounted: " + LOG.all());
    }
    assertEquals(baked.manifest().digest(), target.resolve("1.0").digest());
    assertTrue(Skopeo.create().inspectRaw("docker://" + registry.host() + "/apps/baked:1.0", "--tls-verify=false")
        .contains("application/vnd.docker.image.rootfs.diff.tar.gzip"));

    assertBaseAndAddedFiles(unpack(registry.host(), "apps/baked", "1.0"));
  }

  @Test
  void bakeOntoOciBaseIntoAnotherRegistryStreamsEachBaseLayerOnce() throws IOException {
    Repository base = client.repository(registry.host() + "/library/oci-base");
    ImageFixtures.Base b = pushBase(base, false);
    Repository target = client.repository(other.host() + "/apps/elsewhere");
    LOG.clear();

    ImageBaker.builder().layer(LayerSource.directory(app, "/opt/app")).build().bake(base, "1", target, "2.0");

    for (Descriptor layer : b.layers()) {
      String digest = layer.digest().toString();
      assertEquals(1, LOG.matching("GET /v2/library/oci-base/blobs/" + digest).size(), "read once: " + LOG.all());
      assertEquals(List.of(), LOG.matching("mount="), "no mount across registries");
    }
    assertTrue(Skopeo.create().inspectRaw("docker://" + other.host() + "/apps/elsewhere:2.0", "--tls-verify=false")
        .contains("application/vnd.oci.image.layer.v1.tar+gzip"));
    assertBaseAndAddedFiles(unpack(other.host(), "apps/elsewhere", "2.0"));
  }

  @Test
  void copyBetweenRepositoriesOfOneRegistryMountsEveryBlob() throws IOException {
    Repository src = client.repository(registry.host() + "/library/copy-src");
    ImageFixtures.Base b = pushBase(src, false);
    Repository dst = client.repository(registry.host() + "/mirror/copy-dst");
    LOG.clear();

    Images.copy(src, "1", dst, "1", null, dev.berth.core.copy.CopyOptions.defaults());

    assertEquals(b.manifest().digest(), dst.resolve("1").digest());
    assertEquals(3, LOG.matching("POST /v2/mirror/copy-dst/blobs/uploads/", "mount=").size(), LOG.all().toString());
    assertEquals(List.of(), LOG.matching("GET /v2/library/copy-src/blobs/"), "no blob downloaded");
  }
}
