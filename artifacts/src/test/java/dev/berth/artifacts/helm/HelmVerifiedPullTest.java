package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.helm.ProvenanceException.Reason;
import dev.berth.artifacts.testing.CountingSource;
import dev.berth.core.content.MemoryStore;
import dev.berth.testkit.PgpTestKeys;
import dev.berth.testkit.TempDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HelmCharts#pull} with {@link HelmPullOptions.Builder#verify}: a chart lands only when it verifies. */
class HelmVerifiedPullTest {
  static final PgpTestKeys.Key signer = PgpTestKeys.signer();
  static final PgpTestKeys.Key stranger = PgpTestKeys.stranger();

  @TempDir Path tmp;

  private MemoryStore pushed(boolean signed) throws Exception {
    Path tgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"));
    HelmPushOptions options = HelmPushOptions.defaults();
    if (signed) {
      options = options.newBuilder().provenance(ProvenanceSigner.fromKeyring(signer.writeSecring(tmp.resolve("secring.gpg")),
          "Chart Signer", null).signBeside(tgz)).build();
    }
    MemoryStore repo = new MemoryStore();
    HelmCharts.push(repo, tgz, options);
    return repo;
  }

  @Test
  void aSignedChartVerifiesAndLandsWithItsProvenance() throws Exception {
    MemoryStore repo = pushed(true);
    Path out = tmp.resolve("out");
    PulledChart pulled = HelmCharts.pull(repo, "0.1.0", out, HelmPullOptions.builder()
        .verify(signer.writePubring(tmp.resolve("pubring.gpg"))).build());

    assertEquals(signer.keyId(), pulled.verification().keyId());
    assertEquals("Chart Signer <signer@example.org>", pulled.verification().userId());
    assertTrue(Files.isRegularFile(out.resolve("demo-0.1.0.tgz")));
    assertTrue(Files.isRegularFile(out.resolve("demo-0.1.0.tgz.prov")));
    assertEquals(2, TempDirs.entries(out));
  }

  @Test
  void verifyingWithoutWritingTheProvenanceLeavesOnlyTheChart() throws Exception {
    MemoryStore repo = pushed(true);
    Path out = tmp.resolve("out");
    PulledChart pulled = HelmCharts.pull(repo, "0.1.0", out, HelmPullOptions.builder().provenance(false)
        .verify(signer.writePubring(tmp.resolve("pubring.gpg"))).build());
    assertNull(pulled.provenance());
    assertEquals(1, TempDirs.entries(out));
  }

  @Test
  void aSignatureByAnotherKeyLeavesNothingOnDisk() throws Exception {
    MemoryStore repo = pushed(true);
    Path out = Files.createDirectories(tmp.resolve("out"));
    ProvenanceException e = assertThrows(ProvenanceException.class, () -> HelmCharts.pull(repo, "0.1.0", out,
        HelmPullOptions.builder().verify(stranger.writePubring(tmp.resolve("other.gpg"))).build()));
    assertEquals(Reason.UNKNOWN_KEY, e.reason());
    assertTrue(e.getMessage().contains(signer.keyId()), e.getMessage());
    assertEquals(0, TempDirs.entries(out), "no chart, no .prov, no staging directory");
  }

  @Test
  void anUnsignedChartIsRefusedBeforeItsArchiveIsDownloaded() throws Exception {
    CountingSource repo = new CountingSource(pushed(false));
    Path out = tmp.resolve("out");
    ProvenanceException e = assertThrows(ProvenanceException.class, () -> HelmCharts.pull(repo, "0.1.0", out,
        HelmPullOptions.builder().verify(signer.writePubring(tmp.resolve("pubring.gpg"))).build()));
    assertEquals(Reason.NO_PROVENANCE, e.reason());
    assertEquals(1, repo.blobFetches(), "only the config");
    assertFalse(Files.exists(out));
  }

  @Test
  void anUnreadableKeyringIsRefusedBeforeTheArchiveIsDownloaded() throws Exception {
    CountingSource repo = new CountingSource(pushed(true));
    Path out = tmp.resolve("out");
    ProvenanceException e = assertThrows(ProvenanceException.class, () -> HelmCharts.pull(repo, "0.1.0", out,
        HelmPullOptions.builder().verify(tmp.resolve("missing.gpg")).build()));
    assertEquals(Reason.KEYRING_UNREADABLE, e.reason());
    assertEquals(1, repo.blobFetches(), "only the config");
    assertFalse(Files.exists(out));
  }

  @Test
  void optionsAreValuesWithSafeDefaults() {
    assertFalse(HelmPullOptions.defaults().overwrite(), "nothing is replaced unless asked");
    assertTrue(HelmPullOptions.defaults().provenance());
    assertNull(HelmPullOptions.defaults().keyring());
    assertEquals(HelmPullOptions.builder().overwrite(true).build(), HelmPullOptions.defaults().newBuilder().overwrite(true).build());
    assertEquals(HelmPullOptions.builder().overwrite(true).build().hashCode(),
        HelmPullOptions.defaults().newBuilder().overwrite(true).build().hashCode());
    assertTrue(HelmPullOptions.builder().verify(Path.of("k.gpg")).build().toString().contains("k.gpg"));
    assertEquals(HelmPushOptions.builder().version("1.2.3").appVersion("v9").build(),
        HelmPushOptions.defaults().newBuilder().version("1.2.3").appVersion("v9").build());
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
        () -> HelmPushOptions.builder().version("1.2"));
    assertTrue(bad.getMessage().contains("SemVer 2"), bad.getMessage());
  }
}
