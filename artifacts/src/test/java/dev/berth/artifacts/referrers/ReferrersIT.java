package dev.berth.artifacts.referrers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.image.ImageFixtures;
import dev.berth.core.Descriptor;
import dev.berth.core.Platform;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.copy.Copier;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import dev.berth.testkit.RegistryServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attach and discover against a real registry without the referrers API (distribution 2.8, like
 * ghcr.io): everything goes through the subject's fallback tag. Then the artifact travels with its
 * referrers to an OCI layout and back to another repository.
 */
class ReferrersIT {
  private static final String SBOM = "application/spdx+json";
  private static final String SIG = "application/vnd.example.signature";
  private static RegistryServer registry;
  private static RegistryClient client;

  private static final CopyOptions WITH_REFERRERS = CopyOptions.builder().includeReferrers(true).build();

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    registry = RegistryServer.start();
    client = RegistryClient.builder().plainHttp(registry.host()).build();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static List<String> flatten(ReferrerNode tree) {
    List<String> out = new ArrayList<>();
    tree.forEachBelow(n -> out.add(n.descriptor().artifactType() + " " + n.descriptor().digest()));
    out.sort(null);
    return out;
  }

  @Test
  void attachDiscoverAndCopyWithReferrersThroughTheFallbackTag() throws IOException {
    Repository repo = client.repository(registry.host() + "/apps/signed");
    ImageFixtures.Base image = ImageFixtures.pushBase(repo, "v1", false, Platform.parse("linux/amd64"),
        List.of(Map.of("app.txt", "app\n")));
    Descriptor subject = repo.resolve("v1");
    Path sbomFile = Files.writeString(tmp.resolve("sbom.spdx.json"), "{\"spdxVersion\":\"SPDX-2.3\"}");

    Descriptor sbom = Attach.builder(SBOM).file(sbomFile, SBOM).annotation("tool", "syft").build().attach(repo, "v1");
    Descriptor sig = Attach.builder(SIG).build().attach(repo, sbom);
    Descriptor imageSig = Attach.builder(SIG).annotation("of", "image").build().attach(repo, subject);

    assertTrue(repo.tags().contains(subject.digest().toTagForm()), "fallback tag written: " + repo.tags());
    List<Descriptor> level = Discover.referrers(repo, subject, null);
    assertEquals(2, level.size());
    assertEquals(List.of(imageSig.digest()), Discover.referrers(repo, subject, SIG).stream().map(Descriptor::digest).toList());
    Descriptor listedSbom = level.stream().filter(d -> d.digest().equals(sbom.digest())).findFirst().orElseThrow();
    assertEquals(SBOM, listedSbom.artifactType());
    assertEquals("syft", listedSbom.annotation("tool"));

    ReferrerNode tree = Discover.tree(repo, subject, null);
    assertEquals(3, tree.size());
    assertEquals(List.of(sig.digest()), tree.referrers().stream().filter(n -> n.descriptor().digest().equals(sbom.digest()))
        .findFirst().orElseThrow().referrers().stream().map(n -> n.descriptor().digest()).toList());

    // One transfer at a time: with several, concurrent fallback-tag lookups on this registry were seen
    // to answer one subject with another's referrers (reported to core; the copy then misses some).
    CopyOptions serial = CopyOptions.builder().concurrency(1).includeReferrers(true).build();
    OciLayout layout = OciLayout.open(tmp.resolve("layout"));
    Copier.copy(repo, "v1", layout, null, serial);
    assertEquals(flatten(tree), flatten(Discover.tree(layout, layout.resolve("v1"), null)));

    Repository mirror = client.repository(registry.host() + "/mirror/signed");
    Copier.copy(layout, "v1", mirror, "v1", serial);
    assertEquals(image.manifest().digest(), mirror.resolve("v1").digest());
    assertEquals(flatten(tree), flatten(Discover.tree(mirror, mirror.resolve("v1"), null)));
  }
}
