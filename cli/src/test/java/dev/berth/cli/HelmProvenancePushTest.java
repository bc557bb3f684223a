package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.helm.HelmPackager;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code berth helm push CHART.tgz} attaches {@code CHART.tgz.prov} from beside it, as helm push does. */
class HelmProvenancePushTest {
  private static final String PROV_TYPE = "application/vnd.cncf.helm.chart.provenance.v1.prov";

  private static Path chart(Path tmp) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("src/demo"));
    Files.writeString(dir.resolve("Chart.yaml"), "apiVersion: v2\nname: demo\nversion: 0.1.0\n");
    return HelmPackager.packageChart(dir, Files.createDirectories(tmp.resolve("dist")));
  }

  @Test
  void aProvenanceFileBesideTheChartIsPushedAsItsLayer(@TempDir Path tmp) throws Exception {
    Path tgz = chart(tmp);
    Files.writeString(tgz.resolveSibling(tgz.getFileName() + ".prov"), "-----BEGIN PGP SIGNED MESSAGE-----\n");

    CliRun push = CliRun.run("helm", "push", tgz.toString(), "oci:" + tmp.resolve("layout"));
    assertEquals(0, push.exit(), push.err());
    CliRun manifest = CliRun.run("manifest", "get", "oci:" + tmp.resolve("layout/demo") + ":0.1.0");

    assertEquals(0, manifest.exit(), manifest.err());
    assertTrue(manifest.out().contains(PROV_TYPE), manifest.out());
  }

  @Test
  void withoutOneTheChartIsPushedAlone(@TempDir Path tmp) throws Exception {
    Path tgz = chart(tmp);

    assertEquals(0, CliRun.run("helm", "push", tgz.toString(), "oci:" + tmp.resolve("layout")).exit());
    CliRun manifest = CliRun.run("manifest", "get", "oci:" + tmp.resolve("layout/demo") + ":0.1.0");

    assertFalse(manifest.out().contains(PROV_TYPE), manifest.out());
  }
}
