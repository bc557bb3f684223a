package dev.berth.artifacts.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.Descriptor;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.artifacts.internal.JsonDocuments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dockerfile parity of {@code image append}: config fields, env substitution, per-layer placement, whiteouts, platforms. */
class ImageBakerParityTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64/v8");

  @TempDir Path tmp;
  private MemoryStore base;
  private Path deps;
  private Path app;

  @BeforeEach
  void setUp() throws IOException {
    base = new MemoryStore();
    deps = Files.createDirectories(tmp.resolve("deps/pandas"));
    Files.writeString(deps.resolve("__init__.py"), "VERSION = '1.3.5'\n");
    app = Files.createDirectories(tmp.resolve("app"));
    Path run = Files.writeString(app.resolve("run.sh"), "#!/bin/sh\necho hi\n");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(app.resolve("notes.txt"), "notes\n");
  }

  private ImageFixtures.Base pushBase(String tag, Platform platform) throws IOException {
    return ImageFixtures.pushBase(base, tag, false, platform, List.of(Map.of("etc/", "", "etc/motd", "hello\n")));
  }

  private static JsonNode json(MemoryStore store, Descriptor d) throws IOException {
    return JsonDocuments.nonEmptyTree(Contents.fetchAll(store, d, 1 << 20), "test");
  }

  /** "name mode uid:gid" per entry, in archive order. */
  private static List<String> listing(MemoryStore store, Descriptor layer) throws IOException {
    List<String> out = new ArrayList<>();
    byte[] tar = ImageFixtures.gunzip(Contents.fetchAll(store, layer, 1 << 24));
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.add(e.getName() + " " + Integer.toOctalString(e.getMode() & 07777) + " " + e.getLongUserId() + ":"
            + e.getLongGroupId() + (e.getModTime().getTime() == 0 ? "" : " mtime!"));
      }
    }
    return out;
  }

  @Test
  void configFieldsAndEnvSubstitutionFromTheBase() throws IOException {
    pushBase("1", AMD64);
    MemoryStore target = new MemoryStore();
    BakedImage baked = ImageBaker.builder()
        .layer(LayerSource.directory(app, "/app"))
        .env("PATH", "/app/bin:$PATH")
        .env("GREETING", "${LANG:-none} and ${MISSING:-fallback}${LANG:+!}")
        .env("LITERAL", "\\$PATH")
        .env("SEES_EARLIER", "${GREETING}")
        .workdir("/app").user("1000:1000").expose("8080").expose("53/udp").volume("/data")
        .stopSignal("SIGINT")
        .healthcheck(Healthcheck.shell("test -f /app/run.sh").withTimings(Duration.ofSeconds(30), null, null, null, 3))
        .build().bake(base, "1", target, "v");
    JsonNode config = json(target, baked.config()).get("config");
    assertEquals("[\"PATH=/app/bin:/usr/bin:/bin\",\"LANG=C.UTF-8\",\"GREETING=C.UTF-8 and fallback!\","
        + "\"LITERAL=$PATH\",\"SEES_EARLIER=C.UTF-8 and fallback!\"]", config.get("Env").toString());
    assertEquals("/app", config.get("WorkingDir").asText());
    assertEquals("1000:1000", config.get("User").asText());
    assertEquals("{\"8080/tcp\":{},\"53/udp\":{}}", config.get("ExposedPorts").toString());
    assertEquals("{\"/data\":{}}", config.get("Volumes").toString());
    assertEquals("SIGINT", config.get("StopSignal").asText());
    assertEquals("{\"Test\":[\"CMD-SHELL\",\"test -f /app/run.sh\"],\"Interval\":30000000000,\"Retries\":3}",
        config.get("Healthcheck").toString());
    assertEquals("[\"/bin/sh\"]", config.get("Cmd").toString(), "the base's cmd survives");
  }

  @Test
  void layersHaveTheirOwnDestinationOwnerAndModeAndRemoveBaseFiles() throws IOException {
    pushBase("1", AMD64);
    MemoryStore target = new MemoryStore();
    BakedImage baked = ImageBaker.builder()
        .layer(LayerSource.removing(List.of("/etc/motd")))
        .layer(LayerSource.directory(tmp.resolve("deps"), "/usr/local/lib/python3/site-packages"))
        .layer(LayerSource.builder().contents(app, "/home/app").owner(1000, 1001).mode(0750).build())
        .build().bake(base, "1", target, "v");
    assertEquals(List.of("etc/.wh.motd 644 0:0"), listing(target, baked.addedLayers().get(0)));
    assertEquals(List.of("usr/local/lib/python3/site-packages/ 755 0:0",
        "usr/local/lib/python3/site-packages/pandas/ 755 0:0",
        "usr/local/lib/python3/site-packages/pandas/__init__.py 644 0:0"), listing(target, baked.addedLayers().get(1)));
    assertEquals(List.of("home/app/ 750 1000:1001", "home/app/notes.txt 750 1000:1001", "home/app/run.sh 750 1000:1001"),
        listing(target, baked.addedLayers().get(2)));
    JsonNode history = json(target, baked.config()).get("history");
    assertEquals("berth: REMOVE /etc/motd", history.get(1).get("created_by").asText());
    assertEquals("berth: COPY --chown=1000:1001 --chmod=750 /home/app", history.get(3).get("created_by").asText());
  }

  @Test
  void digestsDependOnContentAndOptionsNotOnLocalNames() throws IOException {
    pushBase("1", AMD64);
    Path renamed = Files.createDirectories(tmp.resolve("elsewhere/renamed-app"));
    for (String name : List.of("run.sh", "notes.txt")) {
      Files.copy(app.resolve(name), renamed.resolve(name), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
    }
    BakedImage one = ImageBaker.builder().layer(LayerSource.directory(app, "/app")).build()
        .bake(base, "1", new MemoryStore(), "v");
    BakedImage two = ImageBaker.builder().layer(LayerSource.directory(renamed, "/app")).build()
        .bake(base, "1", new MemoryStore(), "v");
    assertEquals(one.manifest(), two.manifest());
    BakedImage otherDest = ImageBaker.builder().layer(LayerSource.directory(app, "/srv")).build()
        .bake(base, "1", new MemoryStore(), "v");
    assertNotEquals(one.manifest().digest(), otherDest.manifest().digest());
  }

  @Test
  void anIndexBaseGivesAnIndexWithOneSharedLayerBlob() throws IOException {
    ImageFixtures.Base amd = pushBase("amd", AMD64);
    ImageFixtures.Base arm = pushBase("arm", ARM64);
    Descriptor attestation = amd.manifest().withPlatform(Platform.of("unknown", "unknown", null));
    ImageFixtures.pushIndex(base, "multi", false, List.of(
        amd.manifest().withPlatform(AMD64), arm.manifest().withPlatform(ARM64), attestation));
    MemoryStore target = new MemoryStore();
    BakedImage baked = ImageBaker.builder().layer(LayerSource.directory(app, "/app")).env("PATH", "/app:$PATH")
        .build().bake(base, "multi", target, "v");

    assertTrue(baked.isIndex());
    Index index = Contents.fetchManifest(target, target.resolve("v")).index();
    assertEquals(MediaTypes.OCI_INDEX, index.mediaType());
    assertEquals(List.of(AMD64, ARM64), index.manifests().stream().map(Descriptor::platform).toList(),
        "one entry per platform; the base's attestation is not carried over");
    assertEquals(1, baked.addedLayers().size(), "the same files make one blob for both platforms");
    for (Descriptor entry : index.manifests()) {
      Manifest m = Contents.fetchManifest(target, entry).manifest();
      assertEquals(baked.addedLayers().get(0), m.layers().get(m.layers().size() - 1));
    }
    assertEquals(amd.manifest().digest(), baked.platforms().get(0).base().digest());
    assertEquals(arm.manifest().digest(), baked.platforms().get(1).base().digest());

    BakedImage chosen = ImageBaker.builder().layer(LayerSource.directory(app, "/app")).platform(ARM64).platform(AMD64)
        .build().bake(base, "multi", new MemoryStore(), "v");
    assertEquals(List.of(ARM64, AMD64), chosen.platforms().stream().map(p -> p.manifest().platform()).toList());
    BakedImage one = ImageBaker.builder().layer(LayerSource.directory(app, "/app")).platform(ARM64)
        .build().bake(base, "multi", new MemoryStore(), "v");
    assertEquals(MediaTypes.OCI_MANIFEST, one.manifest().mediaType(), "one platform named: one image, as before");
  }

  @Test
  void badOptionsAreRefusedWithTheReason() {
    ImageBaker.Builder b = ImageBaker.builder();
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.workdir("app")).getMessage().contains("absolute"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.expose("http")).getMessage().contains("PORT"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> b.stopSignal("TERM now")).getMessage()
        .contains("SIG"));
    assertThrows(IllegalArgumentException.class, () -> LayerSource.builder().remove("/"));
    assertThrows(IllegalArgumentException.class, () -> LayerSource.builder().remove("/etc/../passwd"));
    assertThrows(IllegalArgumentException.class, () -> LayerSource.builder().mode(010000));
    assertEquals(Duration.ofSeconds(90), Healthcheck.parseDuration("1m30s"));
    assertThrows(IllegalArgumentException.class, () -> Healthcheck.parseDuration("30"));
  }
}
