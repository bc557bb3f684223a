package dev.berth.artifacts.helm;

import dev.berth.artifacts.archive.LimitedInputStream;
import dev.berth.core.SizeLimitExceededException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads a packaged chart ({@code NAME-VERSION.tgz}) without unpacking it. */
public final class ChartArchive {
  /** Helm's own cap on a chart's expanded size ({@code loader.MaxDecompressedChartSize}, 100 MiB). */
  public static final long MAX_EXPANDED_BYTES = 100L << 20;
  /** Helm's cap on one file in a chart ({@code loader.MaxDecompressedFileSize}, 5 MiB). */
  public static final long MAX_CHART_YAML_BYTES = 5L << 20;

  private ChartArchive() {}

  /**
   * The metadata of the chart in {@code chartTgz}: its top-level {@code CHARTDIR/Chart.yaml}, validated.
   *
   * @throws IllegalArgumentException naming the file, when it is not gzip-compressed, is cut short, has no
   *     top-level Chart.yaml, or that Chart.yaml is invalid
   * @throws SizeLimitExceededException when the archive expands beyond {@link #MAX_EXPANDED_BYTES}
   */
  public static ChartMetadata readMetadata(Path chartTgz) throws IOException {
    try (InputStream in = Files.newInputStream(chartTgz)) {
      return readMetadata(in, chartTgz.toString());
    }
  }

  /** As {@link #readMetadata(Path)}, from a stream (not closed) naming the chart {@code what}. */
  public static ChartMetadata readMetadata(InputStream chartTgz, String what) throws IOException {
    try {
      return readMetadataOrFail(chartTgz, what);
    } catch (ZipException | EOFException e) {
      // The JDK's own message ("Not in GZIP format", "Unexpected end of ZLIB input stream") names no file.
      throw new IllegalArgumentException(what + " is not a chart archive (a gzip-compressed tar, NAME-VERSION.tgz): "
          + e.getMessage(), e);
    }
  }

  private static ChartMetadata readMetadataOrFail(InputStream chartTgz, String what) throws IOException {
    // The JDK's reader, not commons-compress's: Helm writes a gzip "extra" field that is not made of
    // RFC 1952 subfields, which commons-compress 1.28 rejects and the JDK (rightly) just skips.
    InputStream gz = new GZIPInputStream(new BufferedInputStream(chartTgz), 65536);
    TarArchiveInputStream tar = new TarArchiveInputStream(
        new LimitedInputStream(gz, MAX_EXPANDED_BYTES, "chart " + what + " expanded"), StandardCharsets.UTF_8.name());
    TarArchiveEntry e;
    ChartMetadata meta = null;
    // Every entry is checked as Helm's loader checks it (helm push and install refuse such archives),
    // not only Chart.yaml: a chart with ../ or absolute names, links or devices is never published.
    while ((e = tar.getNextEntry()) != null) {
      if (e.isDirectory()) {
        continue;
      }
      String name = ChartEntryNames.check(e.getName(), what);
      if (e.isSymbolicLink() || e.isLink() || e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()
          || !e.isFile()) {
        throw new IllegalArgumentException(what + ": entry \"" + e.getName() + "\" is a "
            + (e.isSymbolicLink() ? "symbolic link" : e.isLink() ? "hard link" : "special file")
            + "; a chart archive holds regular files only");
      }
      if (e.getSize() > MAX_CHART_YAML_BYTES) {
        throw new SizeLimitExceededException("decompressed chart file \"" + e.getName() + "\" in " + what,
            MAX_CHART_YAML_BYTES);
      }
      if (meta == null && name.equals("Chart.yaml") && isTopLevelChartYaml(e.getName())) {
        meta = ChartMetadata.parseYaml(tar.readNBytes((int) e.getSize())).validate();
      }
    }
    if (meta == null) {
      throw new IllegalArgumentException(what + " is not a chart archive: no CHARTNAME/Chart.yaml in it");
    }
    return meta;
  }

  /** Helm strips the first path segment (the chart's directory); Chart.yaml must be directly below it. */
  private static boolean isTopLevelChartYaml(String name) {
    String n = name.startsWith("./") ? name.substring(2) : name;
    int slash = n.indexOf('/');
    return slash > 0 && n.substring(slash + 1).equals("Chart.yaml");
  }
}
