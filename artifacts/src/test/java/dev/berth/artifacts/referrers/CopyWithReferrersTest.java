package dev.berth.artifacts.referrers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.Target;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.copy.Copier;
import dev.berth.core.layout.OciLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copier with referrers carries the whole referrer tree Attach made and Discover finds. */
class CopyWithReferrersTest {
  private static final CopyOptions WITH_REFERRERS = CopyOptions.builder().includeReferrers(true).build();

  @TempDir Path tmp;

  /** A subject tagged v1 with an SBOM attached, and a signature attached to the SBOM. */
  private static ReferrerNode populate(Target store, Path tmp) throws IOException {
    Descriptor config = Contents.pushBytes(store, MediaTypes.OCI_CONFIG,
        "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}".getBytes(StandardCharsets.UTF_8));
    Contents.pushManifest(store, EncodedManifest.of(Manifest.of(config, List.of())), "v1");
    Descriptor subject = store.resolve("v1");
    Path report = Files.writeString(tmp.resolve("sbom.json"), "{\"packages\":[]}");
    Descriptor sbom = Attach.builder("application/spdx+json").file(report).build().attach(store, subject);
    Attach.builder("application/vnd.example.sig").annotation("signed", "sbom").build().attach(store, sbom);
    return Discover.tree(store, subject, null);
  }

  private static List<String> flatten(ReferrerNode tree) {
    List<String> out = new java.util.ArrayList<>();
    tree.forEachBelow(n -> out.add(n.descriptor().artifactType() + " " + n.descriptor().digest()));
    return out;
  }

  @Test
  void memoryToLayoutCarriesTheWholeReferrerTreeAndGcKeepsIt() throws IOException {
    MemoryStore src = new MemoryStore();
    ReferrerNode before = populate(src, tmp);
    OciLayout layout = OciLayout.open(tmp.resolve("layout"));

    Descriptor root = Copier.copy(src, "v1", layout, null, WITH_REFERRERS);

    assertEquals(before.descriptor().digest(), root.digest());
    assertEquals(root.digest(), layout.resolve("v1").digest());
    ReferrerNode after = Discover.tree(layout, root, null);
    assertEquals(2, after.size());
    assertEquals(flatten(before), flatten(after));

    layout.gc();
    ReferrerNode reopened = Discover.tree(OciLayout.open(tmp.resolve("layout")), root, null);
    assertEquals(flatten(before), flatten(reopened), "referrers of a tagged manifest survive gc");
    Descriptor sbomLayer = Contents.fetchManifest(layout, after.referrers().get(0).descriptor()).manifest().layers().get(0);
    assertTrue(layout.exists(sbomLayer), "the attached files came along");
  }

  @Test
  void layoutToMemoryUnderAnotherTag() throws IOException {
    OciLayout src = OciLayout.open(tmp.resolve("src"));
    ReferrerNode before = populate(src, tmp);
    MemoryStore dst = new MemoryStore();

    Copier.copy(src, "v1", dst, "copied", WITH_REFERRERS);

    assertEquals(flatten(before), flatten(Discover.tree(dst, dst.resolve("copied"), null)));
  }
}
