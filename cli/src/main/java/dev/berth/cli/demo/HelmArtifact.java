package dev.berth.cli.demo;

import dev.berth.artifacts.helm.ChartArchive;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.core.Descriptor;
import dev.berth.core.OciException;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The demo's Helm chart: packaged reproducibly, stored the way {@code helm push} stores it. */
final class HelmArtifact implements DemoArtifact {
  private final Path chartDir;
  private final Path packageDir;
  private Path packaged;

  HelmArtifact(Path chartDir, Path packageDir) {
    this.chartDir = chartDir;
    this.packageDir = packageDir;
  }

  @Override
  public String kind() {
    return "helm";
  }

  @Override
  public String repository() {
    return DemoInputs.CHART_NAME;
  }

  @Override
  public String tag() {
    return HelmCharts.tagOf(DemoInputs.CHART_VERSION);
  }

  @Override
  public Descriptor push(Target target) throws IOException {
    packaged = HelmPackager.packageChart(chartDir, packageDir);
    return HelmCharts.push(target, packaged, HelmPushOptions.builder().created(FilesArtifact.CREATED).build()).manifest();
  }

  @Override
  public Path pull(ReadOnlyTarget source, Path into) throws IOException {
    return HelmCharts.pull(source, DemoInputs.CHART_VERSION, into, HelmPullOptions.builder().overwrite(true).build())
        .chart();
  }

  @Override
  public String check(Path pulled) throws IOException {
    if (!Arrays.equals(Files.readAllBytes(packaged), Files.readAllBytes(pulled))) {
      throw new OciException("pulled chart " + pulled + " differs from the pushed " + packaged);
    }
    var meta = ChartArchive.readMetadata(pulled);
    return "chart " + meta.name() + " " + meta.version() + " identical";
  }
}
