package dev.berth.artifacts.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.archive.UnsafeArchiveException;
import dev.berth.artifacts.testing.CountingSource;
import dev.berth.core.Descriptor;
import dev.berth.core.DigestMismatchException;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.Target;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FileArtifactsTest {
  @TempDir Path tmp;

  static Stream<org.junit.jupiter.params.provider.Arguments> stores() {
    return dev.berth.artifacts.testing.Stores.local();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void filesAndDirectoriesRoundTrip(String name, Function<Path, Target> factory) throws IOException {
    Target store = factory.apply(tmp);
    Path readme = write(tmp.resolve("in/README.md"), "# hello");
    Path docs = tmp.resolve("in/docs");
    write(docs.resolve("a.md"), "A");
    write(docs.resolve("guide/b.md"), "B");
    Files.createSymbolicLink(docs.resolve("latest.md"), Path.of("guide/b.md"));

    Descriptor pushed = FileArtifacts.push(store, FilePush.builder()
        .file(readme, "text/markdown")
        .file(docs)
        .artifactType("application/vnd.example.docs")
        .annotation("org.opencontainers.image.description", "docs")
        .configAnnotations(Map.of("k", "v"))
        .build(), "v1");

    Manifest m = Contents.fetchManifest(store, store.resolve("v1")).manifest();
    assertEquals(pushed, store.resolve("v1").withArtifactType(pushed.artifactType()));
    assertEquals("application/vnd.example.docs", m.artifactType());
    assertEquals(MediaTypes.OCI_EMPTY, m.config().mediaType());
    assertEquals("v", m.config().annotation("k"));
    assertEquals("docs", m.annotations().get("org.opencontainers.image.description"));
    assertTrue(m.annotations().containsKey(Descriptor.ANNOTATION_CREATED));
    assertEquals("text/markdown", m.layers().get(0).mediaType());
    assertEquals("README.md", m.layers().get(0).title());
    Descriptor dirLayer = m.layers().get(1);
    assertEquals(MediaTypes.OCI_LAYER_TAR_GZIP, dirLayer.mediaType());
    assertEquals("docs", dirLayer.title());
    assertEquals("true", dirLayer.annotation(OrasAnnotations.CONTENT_UNPACK));
    assertTrue(dirLayer.annotation(OrasAnnotations.CONTENT_DIGEST).startsWith("sha256:"));

    Path out = tmp.resolve("out");
    PulledFiles pulled = FileArtifacts.pull(store, "v1", out, FilePullOptions.defaults());
    assertEquals(2, pulled.files().size());
    assertEquals("# hello", Files.readString(out.resolve("README.md")));
    assertEquals("A", Files.readString(out.resolve("docs/a.md")));
    assertEquals("B", Files.readString(out.resolve("docs/guide/b.md")));
    assertEquals("B", Files.readString(out.resolve("docs/latest.md")));
    assertTrue(Files.isSymbolicLink(out.resolve("docs/latest.md")));
    assertOnly(out, "README.md", "docs");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void pushingTheSameInputTwiceGivesTheSameDigest(String name, Function<Path, Target> factory) throws IOException {
    Target store = factory.apply(tmp);
    Path dir = tmp.resolve("dir");
    write(dir.resolve("x.txt"), "x");
    Instant created = Instant.parse("2024-01-02T03:04:05Z");
    Descriptor first = FileArtifacts.push(store, FilePush.builder().file(dir).created(created).build(), "a");
    Files.setLastModifiedTime(dir.resolve("x.txt"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
    Descriptor second = FileArtifacts.push(store, FilePush.builder().file(dir).created(created).build(), "b");
    assertEquals(first.digest(), second.digest());
    Manifest m = Contents.fetchManifest(store, first).manifest();
    assertEquals("2024-01-02T03:04:05Z", m.annotations().get(Descriptor.ANNOTATION_CREATED));
  }

  @Test
  void typesThatAreNotMediaTypesAreRefusedWhenTheRequestIsBuilt() {
    assertThrows(IllegalArgumentException.class, () -> FilePush.builder().artifactType(""));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> FilePush.builder().artifactType("my artifact"));
    assertTrue(e.getMessage().contains("artifact type \"my artifact\""), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> FileEntry.of(tmp.resolve("a.txt"), "text"));
    assertTrue(e.getMessage().contains("media type of a.txt"), e.getMessage());
  }

  @Test
  void anArtifactWithoutFilesCarriesTheEmptyLayer() throws IOException {
    MemoryStore store = new MemoryStore();
    Descriptor d = FileArtifacts.push(store, FilePush.builder().build(), null);
    Manifest m = Contents.fetchManifest(store, d).manifest();
    assertEquals(List.of(Descriptor.EMPTY_JSON), m.layers());
    PulledFiles pulled = FileArtifacts.pull(store, d.digest().toString(), tmp.resolve("out"), FilePullOptions.defaults());
    assertTrue(pulled.files().isEmpty());
    assertEquals(1, pulled.skipped().size());
  }

  @Test
  void refusesToOverwriteUnlessAskedAndThenWritesNothing() throws IOException {
    MemoryStore store = new MemoryStore();
    Path in = write(tmp.resolve("in/a.txt"), "new a");
    Path b = write(tmp.resolve("in/b.txt"), "new b");
    FileArtifacts.push(store, FilePush.builder().file(in).file(b).build(), "t");
    Path out = tmp.resolve("out");
    write(out.resolve("b.txt"), "old b");

    assertThrows(FileAlreadyExistsException.class, () -> FileArtifacts.pull(store, "t", out, FilePullOptions.defaults()));
    assertOnly(out, "b.txt");
    assertEquals("old b", Files.readString(out.resolve("b.txt")));

    FileArtifacts.pull(store, "t", out, FilePullOptions.builder().overwrite(true).build());
    assertEquals("new a", Files.readString(out.resolve("a.txt")));
    assertEquals("new b", Files.readString(out.resolve("b.txt")));
    assertOnly(out, "a.txt", "b.txt");
  }

  @Test
  void anExistingFileIsRefusedBeforeAnythingIsDownloaded() throws IOException {
    MemoryStore store = new MemoryStore();
    FileArtifacts.push(store, FilePush.builder().file(write(tmp.resolve("in/a.txt"), "a")).build(), "t");
    Path out = tmp.resolve("out");
    write(out.resolve("a.txt"), "mine");
    CountingSource source = new CountingSource(store);

    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
        () -> FileArtifacts.pull(source, "t", out, FilePullOptions.defaults()));
    assertTrue(e.getMessage().contains("already exists"), e.getMessage());
    assertEquals(0, source.blobFetches());
    assertOnly(out, "a.txt");
  }

  @Test
  void pullMergesIntoExistingDirectoriesWithoutReplacingThem() throws IOException {
    MemoryStore store = new MemoryStore();
    Path f = write(tmp.resolve("in/n.txt"), "n");
    FileArtifacts.push(store, FilePush.builder().add(FileEntry.builder(f, "sub/n.txt").build()).build(), "t");
    Path out = tmp.resolve("out");
    write(out.resolve("sub/old.txt"), "old");
    FileArtifacts.pull(store, "t", out, FilePullOptions.defaults());
    assertEquals("old", Files.readString(out.resolve("sub/old.txt")));
    assertEquals("n", Files.readString(out.resolve("sub/n.txt")));
  }

  @Test
  void refusesTitlesThatEscapeTheOutputDirectory() throws IOException {
    for (String title : List.of("../evil.txt", "/tmp/evil.txt", "a/../../evil.txt")) {
      MemoryStore store = new MemoryStore();
      Descriptor layer = Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR, "evil".getBytes(StandardCharsets.UTF_8))
          .withAnnotation(Descriptor.ANNOTATION_TITLE, title);
      pushManifest(store, layer, "t");
      Path out = tmp.resolve("out-" + Math.abs(title.hashCode()));
      assertThrows(UnsafeArchiveException.class, () -> FileArtifacts.pull(store, "t", out, FilePullOptions.defaults()));
      assertFalse(Files.exists(out), title);
      assertFalse(Files.exists(tmp.resolve("evil.txt")));
    }
  }

  @Test
  void refusesHostileDirectoryLayersAndWritesNothing() throws IOException {
    MemoryStore store = new MemoryStore();
    Path good = write(tmp.resolve("in/good.txt"), "good");
    Descriptor goodLayer = Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR, Files.readAllBytes(good))
        .withAnnotation(Descriptor.ANNOTATION_TITLE, "good.txt");
    byte[] evilTgz = tgz("d/", "d/../../escape.txt");
    Descriptor evil = Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR_GZIP, evilTgz)
        .withAnnotations(Map.of(Descriptor.ANNOTATION_TITLE, "d", OrasAnnotations.CONTENT_UNPACK, "true"));
    pushManifest(store, List.of(goodLayer, evil), "t");
    Path out = Files.createDirectories(tmp.resolve("out"));

    UnsafeArchiveException e = assertThrows(UnsafeArchiveException.class,
        () -> FileArtifacts.pull(store, "t", out, FilePullOptions.defaults()));
    assertTrue(e.getMessage().contains(".."), e.getMessage());
    assertOnly(out);
    assertFalse(Files.exists(tmp.resolve("escape.txt")));
  }

  @Test
  void refusesDirectoryLayerEntriesOutsideTheTitle() throws IOException {
    MemoryStore store = new MemoryStore();
    Descriptor layer = Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR_GZIP, tgz("d/", "other.txt"))
        .withAnnotations(Map.of(Descriptor.ANNOTATION_TITLE, "d", OrasAnnotations.CONTENT_UNPACK, "true"));
    pushManifest(store, List.of(layer), "t");
    Path out = Files.createDirectories(tmp.resolve("out"));
    assertThrows(UnsafeArchiveException.class, () -> FileArtifacts.pull(store, "t", out, FilePullOptions.defaults()));
    assertOnly(out);
  }

  @Test
  void checksTheUncompressedDigestAnnotation() throws IOException {
    MemoryStore store = new MemoryStore();
    Descriptor layer = Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR_GZIP, tgz("d/", "d/a.txt"))
        .withAnnotations(Map.of(Descriptor.ANNOTATION_TITLE, "d", OrasAnnotations.CONTENT_UNPACK, "true",
            OrasAnnotations.CONTENT_DIGEST, "sha256:" + "0".repeat(64)));
    pushManifest(store, List.of(layer), "t");
    Path out = Files.createDirectories(tmp.resolve("out"));
    assertThrows(DigestMismatchException.class, () -> FileArtifacts.pull(store, "t", out, FilePullOptions.defaults()));
    assertOnly(out);
  }

  @Test
  void stopsABombLayerAtTheConfiguredLimit() throws IOException {
    MemoryStore store = new MemoryStore();
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(gz))) {
      TarArchiveEntry e = new TarArchiveEntry("d/zeros");
      e.setSize(8L << 20);
      tar.putArchiveEntry(e);
      tar.write(new byte[8 << 20]);
      tar.closeArchiveEntry();
    }
    Descriptor layer = Contents.pushBytes(store, MediaTypes.OCI_LAYER_TAR_GZIP, gz.toByteArray())
        .withAnnotations(Map.of(Descriptor.ANNOTATION_TITLE, "d", OrasAnnotations.CONTENT_UNPACK, "true"));
    pushManifest(store, List.of(layer), "t");
    Path out = Files.createDirectories(tmp.resolve("out"));
    assertThrows(dev.berth.core.SizeLimitExceededException.class, () -> FileArtifacts.pull(store, "t", out,
        FilePullOptions.builder().maxUnpackedBytes(1 << 20).build()));
    assertOnly(out);
  }

  @Test
  void aLayerWhoseBytesDoNotMatchItsDigestWritesNothing() throws IOException {
    MemoryStore store = new MemoryStore();
    Path a = write(tmp.resolve("in/a.txt"), "a");
    Path b = write(tmp.resolve("in/b.txt"), "b");
    FileArtifacts.push(store, FilePush.builder().file(a).file(b).build(), "t");
    Target lying = new LyingTarget(store, "b");
    Path out = Files.createDirectories(tmp.resolve("out"));
    assertThrows(DigestMismatchException.class, () -> FileArtifacts.pull(lying, "t", out, FilePullOptions.defaults()));
    assertOnly(out);
  }

  @Test
  void duplicateTitlesAreRefusedOnPush() throws IOException {
    Path a = write(tmp.resolve("x/a.txt"), "1");
    Path a2 = write(tmp.resolve("y/a.txt"), "2");
    assertThrows(IllegalArgumentException.class,
        () -> FileArtifacts.push(new MemoryStore(), FilePush.builder().file(a).file(a2).build(), null));
  }

  @Test
  void aFileTitleWithASubdirectoryIsWrittenThere() throws IOException {
    MemoryStore store = new MemoryStore();
    Path a = write(tmp.resolve("x/a.txt"), "1");
    Descriptor d = FileArtifacts.push(store, FilePush.builder().add(FileEntry.builder(a, "conf/a.txt").build()).build(),
        null);
    Path out = tmp.resolve("out");
    FileArtifacts.pull(store, d.digest().toString(), out, FilePullOptions.defaults());
    assertEquals("1", Files.readString(out.resolve("conf/a.txt")));
    assertNull(Contents.fetchManifest(store, d).manifest().layers().get(0).annotation(OrasAnnotations.CONTENT_UNPACK));
    assertNotEquals(null, d.artifactType());
  }

  static void pushManifest(Target store, Descriptor layer, String tag) throws IOException {
    pushManifest(store, List.of(layer), tag);
  }

  static void pushManifest(Target store, List<Descriptor> layers, String tag) throws IOException {
    Contents.pushBytes(store, MediaTypes.OCI_EMPTY, Descriptor.emptyJsonContent());
    Contents.pushManifest(store, EncodedManifest.of(Manifest.artifact(MediaTypes.UNKNOWN_ARTIFACT, layers)), tag);
  }

  static byte[] tgz(String... names) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
      for (String n : names) {
        TarArchiveEntry e = new TarArchiveEntry(n, true);
        byte[] data = n.endsWith("/") ? new byte[0] : n.getBytes(StandardCharsets.UTF_8);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
    return out.toByteArray();
  }

  static Path write(Path p, String content) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return p;
  }

  static void assertOnly(Path dir, String... names) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(List.of(names), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
