package dev.berth.artifacts.helm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.testing.CountingSource;
import dev.berth.core.Descriptor;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.NotFoundException;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class HelmChartsTest {
  @TempDir Path tmp;

  static Stream<Arguments> stores() {
    return dev.berth.artifacts.testing.Stores.local();
  }

  @Test
  void packagesLikeHelmPackage() throws IOException {
    Path tgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"));
    assertEquals(tmp.resolve("dist/demo-0.1.0.tgz"), tgz);
    List<String> names = entryNames(tgz);
    assertEquals("demo/Chart.yaml", names.get(0));
    assertEquals(List.of("demo/Chart.yaml", "demo/.helmignore", "demo/templates/configmap.yaml", "demo/values.yaml"),
        names);
    assertEquals("demo", ChartArchive.readMetadata(tgz).name());
  }

  @Test
  void packagingIsReproducible() throws IOException {
    Path dir = Charts.chartDir(tmp, "demo", "0.1.0");
    byte[] first = Files.readAllBytes(HelmPackager.packageChart(dir, tmp.resolve("a")));
    Files.setLastModifiedTime(dir.resolve("values.yaml"), java.nio.file.attribute.FileTime.from(Instant.EPOCH));
    byte[] second = Files.readAllBytes(HelmPackager.packageChart(dir, tmp.resolve("b")));
    assertArrayEquals(first, second);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void pushedChartsPullBackByVersionAndRange(String name, Function<Path, Target> factory) throws IOException {
    Target repo = factory.apply(tmp);
    Path dist = tmp.resolve("dist");
    for (String v : List.of("1.0.0", "1.2.0", "1.10.0+build.3", "2.0.0-rc.1", "2.0.0")) {
      HelmCharts.push(repo, HelmPackager.packageChart(Charts.chartDir(tmp, "demo", v), dist));
    }
    Path tgz = dist.resolve("demo-1.10.0+build.3.tgz");

    assertEquals("1.10.0_build.3", HelmCharts.resolveTag(repo, "^1.0"));
    PulledChart pulled = HelmCharts.pull(repo, "^1.0", tmp.resolve("out"), HelmPullOptions.defaults());
    assertEquals(tmp.resolve("out/demo-1.10.0+build.3.tgz"), pulled.chart());
    assertArrayEquals(Files.readAllBytes(tgz), Files.readAllBytes(pulled.chart()));
    assertEquals("1.10.0+build.3", pulled.metadata().version());
    assertNull(pulled.provenance());

    assertEquals("2.0.0", HelmCharts.resolveTag(repo, ">=1.0.0"));
    // berth helm pull without --version asks for '*', as helm pull does: the highest stable version.
    assertEquals("2.0.0", HelmCharts.resolveTag(repo, "*"));
    assertEquals("2.0.0-rc.1", HelmCharts.resolveTag(repo, "2.0.0-rc.1"));
    assertEquals("1.2.0", HelmCharts.pull(repo, "1.2.0", tmp.resolve("out"), HelmPullOptions.defaults()).tag());
    assertThrows(NotFoundException.class, () -> HelmCharts.resolveTag(repo, "^3"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("stores")
  void manifestHasHelmsShape(String name, Function<Path, Target> factory) throws IOException {
    Target repo = factory.apply(tmp);
    Path tgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"));
    Path prov = Files.writeString(tmp.resolve("demo-0.1.0.tgz.prov"), "-----BEGIN PGP SIGNED MESSAGE-----\n");
    HelmPushResult r = HelmCharts.push(repo, tgz,
        HelmPushOptions.builder().provenance(prov).created(Instant.parse("2024-05-06T07:08:09Z")).build());

    assertEquals("0.1.0", r.tag());
    Manifest m = Contents.fetchManifest(repo, repo.resolve("0.1.0")).manifest();
    assertNull(m.mediaType(), "Helm leaves mediaType out of the manifest");
    assertEquals(MediaTypes.OCI_MANIFEST, repo.resolve("0.1.0").mediaType());
    assertNull(m.artifactType());
    assertEquals(MediaTypes.HELM_CONFIG, m.config().mediaType());
    assertEquals(2, m.layers().size());
    assertTrue(m.layers().get(0).digest().toString().compareTo(m.layers().get(1).digest().toString()) < 0);
    assertEquals(List.of(MediaTypes.HELM_CHART_CONTENT, MediaTypes.HELM_CHART_PROVENANCE).stream().sorted().toList(),
        m.layers().stream().map(Descriptor::mediaType).sorted().toList());
    assertEquals("demo", m.annotations().get("org.opencontainers.image.title"));
    assertEquals("0.1.0", m.annotations().get("org.opencontainers.image.version"));
    assertEquals("2024-05-06T07:08:09Z", m.annotations().get("org.opencontainers.image.created"));

    PulledChart pulled = HelmCharts.pull(repo, "0.1.0", tmp.resolve("out"), HelmPullOptions.defaults());
    assertEquals(Files.readString(prov), Files.readString(pulled.provenance()));
    assertEquals(tmp.resolve("out/demo-0.1.0.tgz.prov"), pulled.provenance());
  }

  @Test
  void refusesManifestsThatAreNotCharts() throws IOException {
    MemoryStore repo = new MemoryStore();
    Path f = Files.writeString(tmp.resolve("x.txt"), "x");
    FileArtifacts.push(repo, FilePush.builder().file(f).build(), "1.0.0");
    UnsupportedException e = assertThrows(UnsupportedException.class,
        () -> HelmCharts.pull(repo, "1.0.0", tmp.resolve("out"), HelmPullOptions.defaults()));
    assertTrue(e.getMessage().contains("not a Helm chart"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("out")));
  }

  @Test
  void withoutOverwriteAnExistingArchiveIsKeptAndNotEvenDownloaded() throws IOException {
    MemoryStore repo = new MemoryStore();
    HelmCharts.push(repo, HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist")));
    Path out = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(out.resolve("demo-0.1.0.tgz"), "mine");
    CountingSource source = new CountingSource(repo);

    assertThrows(FileAlreadyExistsException.class,
        () -> HelmCharts.pull(source, "0.1.0", out, HelmPullOptions.builder().overwrite(false).build()));
    assertEquals(1, source.blobFetches(), "only the config, which names the archive");
    assertEquals("mine", Files.readString(out.resolve("demo-0.1.0.tgz")));
  }

  @Test
  void aChartWithoutChartYamlIsRefused() throws IOException {
    Path notAChart = tmp.resolve("x.tgz");
    try (var out = Files.newOutputStream(notAChart)) {
      dev.berth.artifacts.archive.TarArchiver.builder().build().write(Files.writeString(tmp.resolve("a.txt"), "a"), out);
    }
    assertThrows(IllegalArgumentException.class, () -> HelmCharts.push(new MemoryStore(), notAChart));
  }

  @Test
  void aFileThatIsNotGzipOrIsCutShortIsNamedAsNotAChart() throws IOException {
    Path yaml = Files.writeString(tmp.resolve("values.yaml"), "replicas: 1\n");
    IllegalArgumentException notGzip = assertThrows(IllegalArgumentException.class,
        () -> HelmCharts.push(new MemoryStore(), yaml));
    assertTrue(notGzip.getMessage().startsWith(yaml + " is not a chart archive"), notGzip.getMessage());

    byte[] whole = Files.readAllBytes(HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("d")));
    Path cut = Files.write(tmp.resolve("demo-cut.tgz"), java.util.Arrays.copyOf(whole, 20));
    IllegalArgumentException truncated = assertThrows(IllegalArgumentException.class,
        () -> ChartArchive.readMetadata(cut));
    assertTrue(truncated.getMessage().startsWith(cut + " is not a chart archive"), truncated.getMessage());
  }

  @Test
  void readsChartsWithHelmsNonStandardGzipExtraField() throws IOException {
    Path berthTgz = HelmPackager.packageChart(Charts.chartDir(tmp, "demo", "0.1.0"), tmp.resolve("dist"));
    byte[] tar;
    try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(berthTgz))) {
      tar = in.readAllBytes();
    }
    // helm package sets gzip FEXTRA to this string, which is not a list of RFC 1952 subfields.
    Path helmStyle = tmp.resolve("helm-style.tgz");
    Files.write(helmStyle, gzipWithExtra(tar, "+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=".getBytes()));
    assertEquals("demo", ChartArchive.readMetadata(helmStyle).name());
    MemoryStore repo = new MemoryStore();
    HelmCharts.push(repo, helmStyle);
    assertArrayEquals(Files.readAllBytes(helmStyle),
        Files.readAllBytes(HelmCharts.pull(repo, "0.1.0", tmp.resolve("out"), HelmPullOptions.defaults()).chart()));
  }

  static byte[] gzipWithExtra(byte[] data, byte[] extra) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 4, 0, 0, 0, 0, 0, (byte) 0xff});
    out.write(extra.length & 0xff);
    out.write(extra.length >> 8);
    out.write(extra);
    java.util.zip.Deflater d = new java.util.zip.Deflater(java.util.zip.Deflater.DEFAULT_COMPRESSION, true);
    try (java.util.zip.DeflaterOutputStream def = new java.util.zip.DeflaterOutputStream(
        new java.io.FilterOutputStream(out) {
          @Override
          public void close() throws IOException {
            flush();
          }
        }, d)) {
      def.write(data);
    }
    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
    crc.update(data);
    java.nio.ByteBuffer trailer = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    trailer.putInt((int) crc.getValue()).putInt(data.length);
    out.write(trailer.array());
    return out.toByteArray();
  }

  @Test
  void chartRepositoryAndTagHelpers() {
    assertEquals("ghcr.io/acme/charts/demo", HelmCharts.chartRepository("oci://ghcr.io/acme/charts/", "demo"));
    assertEquals("1.0.0_build.1", HelmCharts.tagOf("1.0.0+build.1"));
  }

  static List<String> entryNames(Path tgz) throws IOException {
    List<String> names = new ArrayList<>();
    try (InputStream in = Files.newInputStream(tgz);
        TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        names.add(e.getName());
      }
    }
    return names;
  }
}
