package dev.berth.artifacts.referrers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.Annotations;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.layout.OciLayout;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AttachDiscoverTest {
  private static final String SBOM = "application/spdx+json";
  private static final String SIG = "application/vnd.example.signature";

  @TempDir static Path tmp;

  static Stream<Arguments> stores() throws IOException {
    return Stream.of(
        Arguments.of("memory", new MemoryStore()),
        Arguments.of("layout", OciLayout.open(Files.createTempDirectory(tmp, "layout"))));
  }

  private static Descriptor pushSubject(Target store) throws IOException {
    Descriptor config = Contents.pushBytes(store, MediaTypes.OCI_CONFIG,
        "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8));
    EncodedManifest m = EncodedManifest.of(Manifest.of(config, List.of()));
    Contents.pushManifest(store, m, "v1");
    return store.resolve("v1");
  }

  @org.junit.jupiter.api.Test
  void typesThatAreNotMediaTypesAreRefusedBeforeAnythingIsPushed() throws IOException {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Attach.builder("sbom"));
    assertTrue(e.getMessage().contains("\"sbom\" is not a media type"), e.getMessage());
    Path f = Files.writeString(tmp.resolve("notes.txt"), "n");
    e = assertThrows(IllegalArgumentException.class, () -> Attach.builder(SBOM).file(f, "text plain"));
    assertTrue(e.getMessage().contains("media type of notes.txt"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void attachedArtifactPointsAtSubjectWithFilesAndAnnotations(String name, Target store) throws IOException {
    Descriptor subject = pushSubject(store);
    Path sbom = Files.writeString(tmp.resolve(name + "-sbom.spdx.json"), "{\"spdxVersion\":\"SPDX-2.3\"}");

    Descriptor attached = Attach.builder(SBOM).file(sbom, SBOM).annotation("org.example.tool", "syft")
        .annotations(Annotations.builder().source("https://github.com/o/r").build())
        .build().attach(store, "v1");

    Manifest m = Contents.fetchManifest(store, attached).manifest();
    assertEquals(SBOM, m.artifactType());
    assertEquals(Descriptor.EMPTY_JSON, m.config());
    assertEquals(subject.digest(), m.subject().digest());
    assertEquals(1, m.layers().size());
    assertEquals(sbom.getFileName().toString(), m.layers().get(0).title());
    assertEquals(Map.of("org.example.tool", "syft", Annotations.SOURCE, "https://github.com/o/r"), m.annotations());
    try (InputStream in = store.fetch(m.layers().get(0))) {
      assertEquals("{\"spdxVersion\":\"SPDX-2.3\"}", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertTrue(store.exists(Descriptor.EMPTY_JSON));

    List<Descriptor> found = Discover.referrers(store, subject, null);
    assertEquals(List.of(attached.digest()), found.stream().map(Descriptor::digest).toList());
    assertEquals(SBOM, found.get(0).artifactType());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void discoversTreeAndFiltersByArtifactType(String name, Target store) throws IOException {
    Descriptor subject = pushSubject(store);
    Descriptor sbom = Attach.builder(SBOM).annotation("n", "1").build().attach(store, subject);
    Descriptor sig = Attach.builder(SIG).build().attach(store, subject);
    Descriptor sbomSig = Attach.builder(SIG).annotation("of", "sbom").build().attach(store, sbom);

    ReferrerNode tree = Discover.tree(store, subject, null);
    assertEquals(3, tree.size());
    ReferrerNode sbomNode = tree.referrers().stream()
        .filter(n -> n.descriptor().digest().equals(sbom.digest())).findFirst().orElseThrow();
    assertEquals(List.of(sbomSig.digest()), sbomNode.referrers().stream().map(n -> n.descriptor().digest()).toList());
    assertTrue(tree.render().contains("└── " + SIG + " " + sbomSig.digest()), tree.render());

    assertEquals(List.of(sig.digest()), Discover.referrers(store, subject, SIG).stream().map(Descriptor::digest).toList());
    assertEquals(2, Discover.tree(store, subject, null, 1).size());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void sameInputsAttachTheSameManifestUnlessATimeIsGiven(String name, Target store) throws IOException {
    Descriptor subject = pushSubject(store);
    Descriptor a = Attach.builder(SIG).build().attach(store, subject);
    Descriptor b = Attach.builder(SIG).build().attach(store, subject);
    Descriptor c = Attach.builder(SIG).created(Instant.parse("2025-01-01T00:00:00Z")).build().attach(store, subject);
    assertEquals(a.digest(), b.digest());
    assertNotEquals(a.digest(), c.digest());
    assertEquals("2025-01-01T00:00:00Z",
        Contents.fetchManifest(store, c).manifest().annotations().get(Descriptor.ANNOTATION_CREATED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void nothingAttachedGivesAnEmptyTree(String name, Target store) throws IOException {
    ReferrerNode tree = Discover.tree(store, pushSubject(store), null);
    assertEquals(0, tree.size());
    assertEquals(tree.descriptor().digest() + "\n", tree.render());
  }

  @org.junit.jupiter.api.Test
  void storesWithoutReferrerListingAreReadThroughTheFallbackTag() throws IOException {
    MemoryStore backing = new MemoryStore();
    Descriptor subject = pushSubject(backing);
    Descriptor sig = Attach.builder(SIG).build().attach(backing, subject);
    Descriptor sbom = Attach.builder(SBOM).build().attach(backing, subject);
    // What a registry client writes on a registry without the referrers API.
    Index fallback = Index.of(List.of(
        Descriptor.of(sig.mediaType(), sig.digest(), sig.size()).withArtifactType(SIG),
        Descriptor.of(sbom.mediaType(), sbom.digest(), sbom.size()).withArtifactType(SBOM)));
    Contents.pushManifest(backing, EncodedManifest.of(fallback), subject.digest().toTagForm());
    ReadOnlyTarget plain = new ReadOnlyTarget() {
      @Override public InputStream fetch(Descriptor target) throws IOException { return backing.fetch(target); }
      @Override public boolean exists(Descriptor target) { return backing.exists(target); }
      @Override public Descriptor resolve(String reference) throws IOException { return backing.resolve(reference); }
    };

    assertEquals(List.of(sig.digest(), sbom.digest()),
        Discover.referrers(plain, subject, null).stream().map(Descriptor::digest).toList());
    assertEquals(List.of(sbom.digest()), Discover.referrers(plain, subject, SBOM).stream().map(Descriptor::digest).toList());
    assertEquals(List.of(), Discover.referrers(plain, sig, null), "no fallback tag: nothing attached");
  }

  @org.junit.jupiter.api.Test
  void artifactTypeIsRequiredAndTitlesUnique() throws IOException {
    assertThrows(IllegalArgumentException.class, () -> Attach.builder(" "));
    Path f = Files.writeString(tmp.resolve("same.txt"), "x");
    assertThrows(IllegalArgumentException.class, () -> Attach.builder(SIG).file(f).file(f));
  }
}
