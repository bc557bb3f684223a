package dev.berth.artifacts.helm;

import dev.berth.artifacts.archive.StagingDirectory;
import dev.berth.artifacts.archive.TarArchiver;
import dev.berth.core.content.LocalFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Packages a chart directory into {@code NAME-VERSION.tgz}, as {@code helm package} does: every file
 * under {@code CHARTNAME/} (the name from Chart.yaml, not the directory's), {@code Chart.yaml} first,
 * {@code .helmignore} honoured, symbolic links followed, no directory entries. Unlike Helm the archive is
 * reproducible (sorted entries, fixed times, no owners), and Chart.yaml is kept byte for byte rather than
 * re-serialised.
 */
public final class HelmPackager {
  private HelmPackager() {}

  /**
   * Packages {@code chartDir} into {@code outputDir/NAME-VERSION.tgz}, replacing an existing file
   * atomically (Helm replaces it too).
   *
   * @return the archive's path
   * @throws IllegalArgumentException when Chart.yaml is missing or invalid, or .helmignore is malformed
   */
  public static Path packageChart(Path chartDir, Path outputDir) throws IOException {
    Path chartYaml = chartDir.resolve("Chart.yaml");
    if (!Files.isRegularFile(chartYaml)) {
      throw new IllegalArgumentException(chartDir + " is not a chart directory: it has no Chart.yaml");
    }
    ChartMetadata meta = ChartMetadata.parseYaml(
        LocalFiles.readRegularFile(chartYaml, ChartArchive.MAX_CHART_YAML_BYTES)).validate();
    Path ignoreFile = chartDir.resolve(".helmignore");
    HelmIgnore ignore = Files.isRegularFile(ignoreFile)
        ? HelmIgnore.parse(LocalFiles.readRegularFile(ignoreFile, ChartArchive.MAX_CHART_YAML_BYTES))
        : HelmIgnore.defaults();
    List<TarArchiver.Entry> entries = new ArrayList<>();
    entries.add(new TarArchiver.Entry(meta.name() + "/Chart.yaml", chartYaml));
    for (String rel : files(chartDir, ignore)) {
      if (!rel.equals("Chart.yaml")) {
        entries.add(new TarArchiver.Entry(meta.name() + "/" + rel, chartDir.resolve(rel)));
      }
    }
    try (StagingDirectory staging = StagingDirectory.create(outputDir)) {
      Path staged = staging.newFile(meta.archiveFileName());
      try (OutputStream out = Files.newOutputStream(staged)) {
        TarArchiver.builder().directoryEntries(false).build().writeEntries(entries, out);
      }
      staging.commit(true);
    }
    return outputDir.toAbsolutePath().normalize().resolve(meta.archiveFileName());
  }

  /** The chart's files, relative and {@code /}-separated, sorted by their UTF-8 bytes. */
  static List<String> files(Path chartDir, HelmIgnore ignore) throws IOException {
    List<String> out = new ArrayList<>();
    Path realChart = chartDir.toRealPath();
    Files.walkFileTree(chartDir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
            String rel = relative(chartDir, dir);
            // A staging directory left by a killed pull or package is never part of the chart.
            boolean staging = dir.getFileName() != null
                && dir.getFileName().toString().startsWith(StagingDirectory.PREFIX);
            if (staging || (!rel.isEmpty() && ignore.ignores(rel, true))) {
              return FileVisitResult.SKIP_SUBTREE;
            }
            requireInsideChart(realChart, dir);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
            String rel = relative(chartDir, file);
            if (ignore.ignores(rel, false)) {
              return FileVisitResult.CONTINUE;
            }
            if (!attrs.isRegularFile()) {
              // Helm refuses these too ("cannot load irregular file").
              throw new IOException("cannot package " + file + ": not a regular file");
            }
            requireInsideChart(realChart, file);
            out.add(rel);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
            throw exc; // a symlink loop or a dangling link: fail rather than package half a chart
          }
        });
    out.sort((a, b) -> java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        b.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    return out;
  }

  /**
   * Links are followed, as Helm follows them, but only within the chart: Helm would package the file a
   * link leaving the chart points at (a template linked to ~/.ssh/id_rsa, say) with a warning on stderr;
   * berth refuses, naming the link and where it leads.
   */
  private static void requireInsideChart(Path realChart, Path p) throws IOException {
    Path real = p.toRealPath();
    if (!real.startsWith(realChart)) {
      throw new IOException("cannot package " + p + ": it is a symbolic link (or lies below one) to " + real
          + ", outside the chart " + realChart + "; berth packages only files inside the chart");
    }
  }

  private static String relative(Path root, Path p) {
    return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
  }
}
