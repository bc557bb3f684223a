package dev.berth.artifacts.image;

import static dev.berth.artifacts.image.ImageFixtures.entries;
import static dev.berth.artifacts.image.ImageFixtures.gunzip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.artifacts.Annotations;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.copy.CopyListener;
import dev.berth.core.copy.CopyOptions;
import dev.berth.artifacts.internal.JsonDocuments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageBakerTest {
  private static final Platform AMD64 = Platform.parse("linux/amd64");
  private static final Platform ARM64 = Platform.parse("linux/arm64/v8");

  @TempDir Path tmp;
  private Path app;
  private MemoryStore base;

  @BeforeEach
  void setUp() throws IOException {
    app = Files.createDirectories(tmp.resolve("app"));
    Files.writeString(app.resolve("hello.txt"), "hello from the layer\n");
    Files.createDirectories(app.resolve("bin"));
    Path run = Files.writeString(app.resolve("bin/run"), "#!/bin/sh\necho run\n");
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    base = new MemoryStore();
  }

  private ImageFixtures.Base pushBase(String tag, boolean docker) throws IOException {
    return ImageFixtures.pushBase(base, tag, docker, AMD64, List.of(
        Map.of("etc/", "", "etc/os-release", "ID=test\n"),
        Map.of("usr/bin/tool", "tool\n")));
  }

  private ImageBaker.Builder baker() {
    return ImageBaker.builder().layer(LayerSource.directory(app, "/opt/app")).tempDir(tmp.resolve("work"));
  }

  private static JsonNode json(MemoryStore store, Descriptor d) throws IOException {
    return JsonDocuments.nonEmptyTree(Contents.fetchAll(store, d, 1 << 20), "test");
  }

  @Test
  void bakesOntoOciBaseAppendingLayerDiffIdAndHistory() throws IOException {
    ImageFixtures.Base b = pushBase("3.19", false);
    MemoryStore target = new MemoryStore();

    BakedImage baked = baker().build().bake(base, "3.19", target, "v1");

    assertEquals(target.resolve("v1").digest(), baked.manifest().digest());
    Manifest m = Contents.fetchManifest(target, baked.manifest()).manifest();
    assertEquals(MediaTypes.OCI_MANIFEST, m.mediaType());
    assertEquals(3, m.layers().size());
    assertEquals(b.layers(), m.layers().subList(0, 2));
    Descriptor layer = m.layers().get(2);
    assertEquals(MediaTypes.OCI_LAYER_TAR_GZIP, layer.mediaType());
    assertEquals(baked.addedLayers(), List.of(layer));

    byte[] blob = Contents.fetchAll(target, layer, 1 << 20);
    assertEquals(Digest.sha256(gunzip(blob)), baked.addedDiffIds().get(0), "diff_id is sha256 of the tar");
    assertEquals(List.of("opt/app/", "opt/app/bin/", "opt/app/bin/run", "opt/app/hello.txt"),
        List.copyOf(entries(blob).keySet()));
    assertEquals("hello from the layer\n", entries(blob).get("opt/app/hello.txt"));

    JsonNode config = json(target, m.config());
    List<String> diffIds = new ArrayList<>();
    config.get("rootfs").get("diff_ids").forEach(d -> diffIds.add(d.asText()));
    assertEquals(List.of(b.diffIds().get(0).toString(), b.diffIds().get(1).toString(),
        baked.addedDiffIds().get(0).toString()), diffIds);
    assertEquals(3, config.get("history").size());
    assertTrue(config.get("history").get(2).get("created_by").asText().contains("opt/app"));
    assertEquals("24.0.7", config.get("docker_version").asText(), "fields berth does not model survive");
    assertEquals("2024-01-01T00:00:00Z", config.get("created").asText(), "base's created kept by default");
    assertEquals(b.manifest().digest().toString(), m.annotations().get(ImageBaker.ANNOTATION_BASE_DIGEST));
    assertEquals(b.manifest().digest(), baked.base().digest());
  }

  @Test
  void dockerBaseGivesDockerManifestAndLayerTypes() throws IOException {
    ImageFixtures.Base b = pushBase("docker", true);
    MemoryStore target = new MemoryStore();

    BakedImage baked = baker().annotations(Annotations.builder().source("https://github.com/o/r").build())
        .build().bake(base, "docker", target, "v1");

    EncodedManifest encoded = Contents.fetchManifest(target, baked.manifest());
    assertEquals(MediaTypes.DOCKER_MANIFEST, encoded.mediaType());
    Manifest m = encoded.manifest();
    assertEquals(MediaTypes.DOCKER_MANIFEST, m.mediaType());
    assertEquals(MediaTypes.DOCKER_CONFIG, m.config().mediaType());
    assertEquals(MediaTypes.DOCKER_LAYER, m.layers().get(2).mediaType());
    assertEquals(null, m.annotations(), "Docker v2.2 manifests carry no annotations");
    JsonNode labels = json(target, m.config()).get("config").get("Labels");
    assertEquals("https://github.com/o/r", labels.get(Annotations.SOURCE).asText(), "source goes to labels");
    assertEquals(b.layers(), m.layers().subList(0, 2));
  }

  @Test
  void updatesLabelsEnvEntrypointAndCreated() throws IOException {
    pushBase("3.19", false);
    MemoryStore target = new MemoryStore();
    Instant created = Instant.parse("2025-02-03T04:05:06Z");

    BakedImage baked = baker()
        .label("org.opencontainers.image.version", "1.2.3")
        .env("PATH", "/opt/app/bin:/usr/bin:/bin").env("APP_HOME", "/opt/app")
        .entrypoint(List.of("/opt/app/bin/run"))
        .created(created)
        .annotations(Annotations.builder().description("baked").build())
        .build().bake(base, "3.19", target, null);

    JsonNode config = json(target, Contents.fetchManifest(target, baked.manifest()).manifest().config());
    JsonNode c = config.get("config");
    assertEquals("yes", c.get("Labels").get("base").asText());
    assertEquals("1.2.3", c.get("Labels").get("org.opencontainers.image.version").asText());
    assertEquals("[\"PATH=/opt/app/bin:/usr/bin:/bin\",\"LANG=C.UTF-8\",\"APP_HOME=/opt/app\"]", c.get("Env").toString());
    assertEquals("[\"/opt/app/bin/run\"]", c.get("Entrypoint").toString());
    assertFalse(c.has("Cmd"), "a new entrypoint drops the inherited cmd");
    assertEquals("2025-02-03T04:05:06Z", config.get("created").asText());
    assertEquals("2025-02-03T04:05:06Z", config.get("history").get(2).get("created").asText());
    Manifest m = Contents.fetchManifest(target, baked.manifest()).manifest();
    assertEquals("2025-02-03T04:05:06Z", m.annotations().get(Descriptor.ANNOTATION_CREATED));
    assertEquals("baked", m.annotations().get(Annotations.DESCRIPTION));
  }

  @Test
  void cmdGivenWithEntrypointIsKept() throws IOException {
    pushBase("3.19", false);
    MemoryStore target = new MemoryStore();
    BakedImage baked = baker().entrypoint(List.of("/run")).cmd(List.of("--serve")).build()
        .bake(base, "3.19", target, null);
    JsonNode c = json(target, Contents.fetchManifest(target, baked.manifest()).manifest().config()).get("config");
    assertEquals("[\"--serve\"]", c.get("Cmd").toString());
  }

  @Test
  void sameInputsGiveSameDigest() throws IOException {
    pushBase("3.19", false);
    BakedImage first = baker().build().bake(base, "3.19", new MemoryStore(), "v1");
    Files.setLastModifiedTime(app.resolve("hello.txt"), java.nio.file.attribute.FileTime.fromMillis(123456789));
    BakedImage second = baker().build().bake(base, "3.19", new MemoryStore(), "v1");
    assertEquals(first.manifest(), second.manifest());

    Files.writeString(app.resolve("hello.txt"), "changed\n");
    BakedImage third = baker().build().bake(base, "3.19", new MemoryStore(), "v1");
    assertNotEquals(first.manifest().digest(), third.manifest().digest());
  }

  @Test
  void choosesPlatformFromIndexAndListsAvailableWhenNoneMatches() throws IOException {
    ImageFixtures.Base amd = pushBase("amd", false);
    ImageFixtures.Base arm = ImageFixtures.pushBase(base, "arm", false, ARM64, List.of(Map.of("arm", "1")));
    ImageFixtures.pushIndex(base, "multi", false, List.of(
        amd.manifest().withPlatform(AMD64), arm.manifest().withPlatform(ARM64)));

    BakedImage baked = baker().platform(Platform.parse("linux/arm64")).build().bake(base, "multi", new MemoryStore(), "x");
    assertEquals(arm.manifest().digest(), baked.base().digest());

    NoMatchingPlatformException none = assertThrows(NoMatchingPlatformException.class,
        () -> baker().platform(Platform.parse("linux/s390x")).build().bake(base, "multi", new MemoryStore(), "x"));
    assertTrue(none.getMessage().contains("linux/amd64, linux/arm64/v8"), none.getMessage());
    NoMatchingPlatformException oneOfTwo = assertThrows(NoMatchingPlatformException.class,
        () -> baker().platform(AMD64).platform(Platform.parse("linux/s390x")).build()
            .bake(base, "multi", new MemoryStore(), "x"));
    assertTrue(oneOfTwo.getMessage().contains("linux/s390x"), oneOfTwo.getMessage());
  }

  @Test
  void baseBlobsAlreadyInTargetAreSkippedOthersStreamed() throws IOException {
    ImageFixtures.Base b = pushBase("3.19", false);
    Set<String> events = ConcurrentHashMap.newKeySet();
    CopyListener listener = new CopyListener() {
      @Override public void onSkipped(Descriptor node) { events.add("skipped " + node.digest()); }
      @Override public void postCopy(Descriptor node) { events.add("copied " + node.digest()); }
      @Override public void onMounted(Descriptor blob, String from) { events.add("mounted " + blob.digest()); }
    };
    CopyOptions options = CopyOptions.builder().listener(listener).build();

    BakedImage first = baker().copyOptions(options).build().bake(base, "3.19", new MemoryStore(), "v1");
    assertTrue(events.containsAll(Set.of("copied " + b.layers().get(0).digest(), "copied " + b.layers().get(1).digest(),
        "copied " + first.addedLayers().get(0).digest(), "copied " + first.config().digest(),
        "copied " + first.manifest().digest())), events.toString());

    events.clear();
    BakedImage again = baker().copyOptions(options).build().bake(base, "3.19", base, "baked");
    assertTrue(events.containsAll(Set.of("skipped " + b.layers().get(0).digest(), "skipped " + b.layers().get(1).digest(),
        "copied " + again.manifest().digest())), events.toString());
    assertFalse(events.contains("copied " + b.layers().get(0).digest()), events.toString());
  }

  @Test
  void bakeListenerTellsBaseBlobsFromNewContent() throws IOException {
    ImageFixtures.Base b = pushBase("3.19", false);
    Set<String> events = ConcurrentHashMap.newKeySet();
    BlobTransferListener listener = new BlobTransferListener() {
      @Override public void onExisting(Descriptor blob) { events.add("existing " + blob.digest()); }
      @Override public void onCopied(Descriptor blob) { events.add("copied " + blob.digest()); }
      @Override public void onPushed(Descriptor blob) { events.add("pushed " + blob.digest()); }
    };

    BakedImage baked = baker().listener(listener).build().bake(base, "3.19", new MemoryStore(), "v1");

    assertEquals(Set.of("copied " + b.layers().get(0).digest(), "copied " + b.layers().get(1).digest(),
        "pushed " + baked.addedLayers().get(0).digest(), "pushed " + baked.config().digest(),
        "pushed " + baked.manifest().digest()), events);
  }

  @Test
  void tarFileIsCompressedAndTarGzFileIsUsedByteForByte() throws IOException {
    pushBase("3.19", false);
    byte[] tar = ImageFixtures.tar(Map.of("srv/", "", "srv/data.txt", "data\n"));
    Path tarFile = Files.write(tmp.resolve("layer.tar"), tar);
    byte[] tarGz = ImageFixtures.gzip(tar);
    Path tarGzFile = Files.write(tmp.resolve("layer.tar.gz"), tarGz);

    MemoryStore target = new MemoryStore();
    BakedImage fromTar = ImageBaker.builder().layer(LayerSource.tar(tarFile)).tempDir(tmp).build()
        .bake(base, "3.19", target, "a");
    BakedImage fromTarGz = ImageBaker.builder().layer(LayerSource.tar(tarGzFile)).build()
        .bake(base, "3.19", target, "b");

    assertEquals(Digest.sha256(tar), fromTar.addedDiffIds().get(0));
    assertEquals(Digest.sha256(tar), fromTarGz.addedDiffIds().get(0));
    assertEquals(Descriptor.of(MediaTypes.OCI_LAYER_TAR_GZIP, tarGz), fromTarGz.addedLayers().get(0));
    assertEquals("data\n", entries(Contents.fetchAll(target, fromTar.addedLayers().get(0), 1 << 20)).get("srv/data.txt"));
    assertTrue(Files.exists(tarGzFile), "the caller's file is not deleted");
    try (Stream<Path> left = Files.list(tmp)) {
      assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith("berth-layer-")), "temp layer removed");
    }
  }

  @Test
  void severalLayersAreAddedInOrder() throws IOException {
    pushBase("3.19", false);
    Path second = Files.createDirectories(tmp.resolve("second"));
    Files.writeString(second.resolve("two.txt"), "2");
    BakedImage baked = baker().layer(LayerSource.directory(second)).build().bake(base, "3.19", new MemoryStore(), "v");
    assertEquals(2, baked.addedLayers().size());
    assertEquals(2, baked.addedDiffIds().size());
  }

  @Test
  void fileThatIsNotATarIsRefused() throws IOException {
    pushBase("3.19", false);
    Path notTar = Files.write(tmp.resolve("notes.txt"), "just some text, not an archive".repeat(40)
        .getBytes(StandardCharsets.UTF_8));
    IOException e = assertThrows(IOException.class, () -> ImageBaker.builder().layer(LayerSource.tar(notTar))
        .tempDir(tmp.resolve("w")).build().bake(base, "3.19", new MemoryStore(), "v"));
    assertTrue(e.getMessage().contains("not a tar archive"), e.getMessage());
    try (Stream<Path> left = Files.list(tmp.resolve("w"))) {
      assertEquals(0, left.count(), "no temp file left behind");
    }
  }

  @Test
  void configWhoseDiffIdsDisagreeWithLayersIsRefused() throws IOException {
    byte[] config = "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8);
    Descriptor c = Contents.pushBytes(base, MediaTypes.OCI_CONFIG, config);
    Descriptor l = Contents.pushBytes(base, MediaTypes.OCI_LAYER_TAR_GZIP, ImageFixtures.gzip(ImageFixtures.tar(Map.of("a", "b"))));
    Contents.pushManifest(base, EncodedManifest.of(Manifest.of(c, List.of(l))), "broken");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> baker().build().bake(base, "broken", new MemoryStore(), "v"));
    assertTrue(e.getMessage().contains("0 diff_ids but the manifest has 1 layers"), e.getMessage());
  }

  @Test
  void aBakeWithoutLayersChangesOnlyTheConfig() throws IOException {
    ImageFixtures.Base b = pushBase("3.19", false);
    MemoryStore target = new MemoryStore();
    BakedImage baked = ImageBaker.builder().workdir("/srv").build().bake(base, "3.19", target, "v");
    assertEquals(List.of(), baked.addedLayers());
    Manifest m = Contents.fetchManifest(target, baked.manifest()).manifest();
    assertEquals(b.layers(), m.layers());
    assertEquals("/srv", json(target, baked.config()).get("config").get("WorkingDir").asText());
  }
}
