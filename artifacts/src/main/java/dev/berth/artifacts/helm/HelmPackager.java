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
import org.jspecify.annotations.Nullable;

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
    return packageChart(chartDir, outputDir, null, null);
  }

  /**
   * As {@link #packageChart(Path, Path)}, with Chart.yaml's {@code version} and {@code appVersion} replaced
   * as {@code helm package --version V --app-version A} replaces them: the archive is named after the new
   * version and its Chart.yaml carries both. Chart.yaml is then re-written from its parsed form (keys in
   * their order, comments dropped; Helm re-writes it always); without overrides it is kept byte for byte.
   *
   * @param version the chart version to write, a SemVer 2 version, or null to keep Chart.yaml's
   * @param appVersion the appVersion to write, or null to keep Chart.yaml's
   * @throws IllegalArgumentException when {@code version} is not SemVer 2, or Chart.yaml is missing or invalid
   */
  public static Path packageChart(Path chartDir, Path outputDir, @Nullable String version, @Nullable String appVersion)
      throws IOException {
    checkVersionOverride(version);
    Path chartYaml = chartDir.resolve("Chart.yaml");
    if (!Files.isRegularFile(chartYaml)) {
      throw new IllegalArgumentException(chartDir + " is not a chart directory: it has no Chart.yaml");
    }
    byte[] yaml = LocalFiles.readRegularFile(chartYaml, ChartArchive.MAX_CHART_YAML_BYTES);
    ChartMetadata.parseYaml(yaml).validate();
    if (version != null || appVersion != null) {
      yaml = ChartYamlOverrides.apply(yaml, version, appVersion);
    }
    ChartMetadata meta = ChartMetadata.parseYaml(yaml).validate();
    Path ignoreFile = chartDir.resolve(".helmignore");
    HelmIgnore ignore = Files.isRegularFile(ignoreFile)
        ? HelmIgnore.parse(LocalFiles.readRegularFile(ignoreFile, ChartArchive.MAX_CHART_YAML_BYTES))
        : HelmIgnore.defaults();
    try (StagingDirectory staging = StagingDirectory.create(outputDir)) {
      Path chartYamlSource = chartYaml;
      if (version != null || appVersion != null) {
        chartYamlSource = staging.scratch().resolve("Chart.yaml"); // the scratch directory is never committed
        Files.write(chartYamlSource, yaml);
      }
      List<TarArchiver.Entry> entries = new ArrayList<>();
      entries.add(new TarArchiver.Entry(meta.name() + "/Chart.yaml", chartYamlSource));
      for (String rel : files(chartDir, ignore)) {
        if (!rel.equals("Chart.yaml")) {
          entries.add(new TarArchiver.Entry(meta.name() + "/" + rel, chartDir.resolve(rel)));
        }
      }
      Path staged = staging.newFile(meta.archiveFileName());
      try (OutputStream out = Files.newOutputStream(staged)) {
        TarArchiver.builder().directoryEntries(false).build().writeEntries(entries, out);
      }
      staging.commit(true);
    }
    return outputDir.toAbsolutePath().normalize().resolve(meta.archiveFileName());
  }

  /**
   * The validated metadata of the chart directory {@code chartDir}, from its Chart.yaml.
   *
   * @throws IllegalArgumentException when Chart.yaml is missing or invalid
   */
  public static ChartMetadata readMetadata(Path chartDir) throws IOException {
    Path chartYaml = chartDir.resolve("Chart.yaml");
    if (!Files.isRegularFile(chartYaml)) {
      throw new IllegalArgumentException(chartDir + " is not a chart directory: it has no Chart.yaml");
    }
    return ChartMetadata.parseYaml(LocalFiles.readRegularFile(chartYaml, ChartArchive.MAX_CHART_YAML_BYTES)).validate();
  }

  /** Refuses a version override that is not SemVer 2, as {@code helm package --version} refuses it. */
  static void checkVersionOverride(@Nullable String version) {
    if (version != null && !isStrict(version)) {
      throw new IllegalArgumentException("version \"" + version + "\" is not a SemVer 2 version"
          + " (MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD], e.g. 1.2.3 or 1.2.3-rc.1)");
    }
  }

  private static boolean isStrict(String version) {
    try {
      SemVer.parseStrict(version);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
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
