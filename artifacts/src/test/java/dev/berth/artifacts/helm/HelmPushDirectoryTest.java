package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.content.ExitCleanup;
import dev.berth.core.content.MemoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HelmCharts#push} takes a chart directory, and version overrides as {@code helm package --version}. */
class HelmPushDirectoryTest {
  @TempDir Path tmp;

  private static List<Path> ourTempDirs() throws Exception {
    try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("berth-helm-" + ExitCleanup.pid() + "-")).toList();
    }
  }

  @Test
  void aDirectoryIsPackagedPushedAndItsTemporaryArchiveDeleted() throws Exception {
    List<Path> before = ourTempDirs();
    MemoryStore repo = new MemoryStore();
    HelmPushResult r = HelmCharts.push(repo, Charts.chartDir(tmp, "demo", "0.1.0"));

    assertEquals("0.1.0", r.tag());
    PulledChart pulled = HelmCharts.pull(repo, "0.1.0", tmp.resolve("out"), HelmPullOptions.defaults());
    assertEquals("demo", ChartArchive.readMetadata(pulled.chart()).name());
    assertEquals(before, ourTempDirs());
  }

  @Test
  void aDirectoryThatFailsToPackageLeavesNoTemporaryDirectory() throws Exception {
    List<Path> before = ourTempDirs();
    Path dir = Charts.chartDir(tmp, "demo", "0.1.0");
    Files.createSymbolicLink(dir.resolve("templates/dangling.yaml"), tmp.resolve("nowhere"));
    assertThrows(java.io.IOException.class, () -> HelmCharts.push(new MemoryStore(), dir));
    assertEquals(before, ourTempDirs());
  }

  @Test
  void versionAndAppVersionOverridesRenameTheArchiveAndRewriteChartYaml() throws Exception {
    MemoryStore repo = new MemoryStore();
    HelmPushResult r = HelmCharts.push(repo, Charts.chartDir(tmp, "demo", "0.1.0"),
        HelmPushOptions.builder().version("2.0.0-rc.1+build.5").appVersion("1.10").build());

    assertEquals("2.0.0-rc.1_build.5", r.tag());
    assertEquals("2.0.0-rc.1+build.5", r.chart().version());
    assertEquals("1.10", r.chart().appVersion());
    PulledChart pulled = HelmCharts.pull(repo, "2.0.0-rc.1+build.5", tmp.resolve("out"), HelmPullOptions.defaults());
    assertEquals(tmp.resolve("out/demo-2.0.0-rc.1+build.5.tgz"), pulled.chart());
    ChartMetadata inArchive = ChartArchive.readMetadata(pulled.chart());
    assertEquals("2.0.0-rc.1+build.5", inArchive.version());
    assertEquals("1.10", inArchive.appVersion(), "a numeric-looking appVersion stays the string it was");
    assertEquals("A test chart", inArchive.description(), "other fields kept");
  }

  @Test
  void onlyAnAppVersionOverrideKeepsTheVersion() throws Exception {
    Path tgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"), null, "9.9");
    assertEquals(tmp.resolve("dist/demo-0.1.0.tgz"), tgz);
    assertEquals("9.9", ChartArchive.readMetadata(tgz).appVersion());
  }

  @Test
  void anAppVersionThatLooksLikeYamlStaysOneString() throws Exception {
    String hostile = "1.0\"\nname: evil # \u001b[31m";
    Path tgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"), null, hostile);
    ChartMetadata meta = ChartArchive.readMetadata(tgz);
    assertEquals("demo", meta.name());
    assertEquals(hostile, meta.appVersion());
  }

  @Test
  void anInvalidVersionIsAClearErrorAndWritesNothing() throws Exception {
    Path dist = tmp.resolve("dist");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), dist, "v1.0", null));
    assertTrue(e.getMessage().contains("\"v1.0\"") && e.getMessage().contains("SemVer 2"), e.getMessage());
    assertTrue(!Files.exists(dist));
  }

  @Test
  void aPackagedChartTakesNoOverride() throws Exception {
    Path tgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> HelmCharts.push(new MemoryStore(), tgz, HelmPushOptions.builder().version("1.0.0").build()));
    assertTrue(e.getMessage().contains("packaged chart"), e.getMessage());
  }
}
