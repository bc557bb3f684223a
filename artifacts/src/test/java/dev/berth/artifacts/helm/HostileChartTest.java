package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Charts as people hand them over (issue 20): a .tgz with ../ or absolute names or links is refused
 * with Helm's reasons (helm push refuses them too); a chart directory's link out of the chart is
 * refused, naming it; Chart.yaml is capped and parsed in time linear in its size.
 */
class HostileChartTest {
  private static final String CHART_YAML = "apiVersion: v2\nname: demo\nversion: 1.0.0\n";

  @TempDir Path dir;

  private static byte[] tgz(String hostileName, byte hostileType, String linkTarget) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      byte[] yaml = CHART_YAML.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry chart = new TarArchiveEntry("demo/Chart.yaml");
      chart.setSize(yaml.length);
      tar.putArchiveEntry(chart);
      tar.write(yaml);
      tar.closeArchiveEntry();
      TarArchiveEntry hostile = new TarArchiveEntry(hostileName, hostileType, true);
      if (linkTarget != null) {
        hostile.setLinkName(linkTarget);
      }
      byte[] body = hostileType == TarConstants.LF_NORMAL ? "x".getBytes(StandardCharsets.UTF_8) : new byte[0];
      hostile.setSize(body.length);
      tar.putArchiveEntry(hostile);
      tar.write(body);
      tar.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }

  private static String refusal(byte[] tgz) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ChartArchive.readMetadata(new ByteArrayInputStream(tgz), "demo-1.0.0.tgz"));
    return e.getMessage();
  }

  @Test
  void archivesWithNamesOutsideTheChartAreRefusedWithHelmsReasons() throws IOException {
    assertTrue(refusal(tgz("demo/../../etc/passwd", TarConstants.LF_NORMAL, null))
        .contains("chart illegally references parent directory"));
    assertTrue(refusal(tgz("demo//etc/passwd", TarConstants.LF_NORMAL, null))
        .contains("chart illegally contains absolute paths"));
    assertTrue(refusal(tgz("loose-file", TarConstants.LF_NORMAL, null))
        .contains("chart illegally contains content outside the base directory"));
    assertTrue(refusal(tgz("demo/c:/windows", TarConstants.LF_NORMAL, null))
        .contains("chart contains illegally named files"));
  }

  @Test
  void archivesWithLinksOrDevicesAreRefused() throws IOException {
    assertTrue(refusal(tgz("demo/templates/x.yaml", TarConstants.LF_SYMLINK, "/etc/passwd"))
        .contains("symbolic link"));
    assertTrue(refusal(tgz("demo/templates/y.yaml", TarConstants.LF_LINK, "demo/Chart.yaml"))
        .contains("hard link"));
    assertTrue(refusal(tgz("demo/templates/dev", TarConstants.LF_CHR, null)).contains("special file"));
  }

  @Test
  void aCleanArchiveStillReads() throws IOException {
    ChartMetadata meta = ChartArchive.readMetadata(
        new ByteArrayInputStream(tgz("demo/templates/ok.yaml", TarConstants.LF_NORMAL, null)), "demo-1.0.0.tgz");
    assertEquals("demo", meta.name());
  }

  @Test
  void aChartDirectoryLinkLeavingTheChartIsRefusedByName() throws IOException {
    Path chart = Files.createDirectories(dir.resolve("demo"));
    Files.writeString(chart.resolve("Chart.yaml"), CHART_YAML);
    Path templates = Files.createDirectories(chart.resolve("templates"));
    Path secret = Files.writeString(dir.resolve("secret.txt"), "not for the chart");
    Files.createSymbolicLink(templates.resolve("leak.yaml"), secret);
    IOException e = assertThrows(IOException.class, () -> HelmPackager.packageChart(chart, dir.resolve("out")));
    assertTrue(e.getMessage().contains("leak.yaml") && e.getMessage().contains("outside the chart"), e.getMessage());

    Files.delete(templates.resolve("leak.yaml"));
    Files.writeString(templates.resolve("real.yaml"), "kind: ConfigMap\n");
    Files.createSymbolicLink(templates.resolve("inside.yaml"), templates.resolve("real.yaml"));
    Path packaged = HelmPackager.packageChart(chart, dir.resolve("out"));
    assertTrue(Files.isRegularFile(packaged));
  }

  @Test
  void chartYamlIsCappedAndParsedInLinearTime() {
    byte[] huge = (CHART_YAML + "#" + "x".repeat(6 << 20) + "\n").getBytes(StandardCharsets.UTF_8);
    IllegalArgumentException big = assertThrows(IllegalArgumentException.class, () -> ChartMetadata.parseYaml(huge));
    assertTrue(big.getMessage().contains("5242880"), big.getMessage());
    // One 1 MiB line once took 6.6 s: long lines are refused before the YAML parser sees them.
    byte[] longLine = (CHART_YAML + "description: " + "a".repeat(1 << 20) + "\n").getBytes(StandardCharsets.UTF_8);
    IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
        () -> assertThrows(IllegalArgumentException.class, () -> ChartMetadata.parseYaml(longLine)));
    assertTrue(e.getMessage().contains("line 4"), e.getMessage());
    // Many short lines (1 MiB of them) are fine.
    StringBuilder many = new StringBuilder(CHART_YAML + "keywords:\n");
    while (many.length() < 1 << 20) {
      many.append("- kw\n");
    }
    assertEquals("demo", ChartMetadata.parseYaml(many.toString().getBytes(StandardCharsets.UTF_8)).name());
  }
}
