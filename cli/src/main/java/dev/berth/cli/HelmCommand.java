package dev.berth.cli;

import dev.berth.artifacts.helm.ChartArchive;
import dev.berth.artifacts.helm.ChartMetadata;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.artifacts.helm.HelmPushResult;
import dev.berth.artifacts.helm.PulledChart;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth helm push|pull}: Helm charts, stored the way {@code helm push} stores them. */
@Command(name = "helm", mixinStandardHelpOptions = true,
    description = "Push and pull Helm charts (compatible with helm push / helm pull).",
    subcommands = {HelmCommand.Push.class, HelmCommand.Pull.class})
final class HelmCommand {
  private HelmCommand() {}

  /** The chart's repository: NAMESPACE/NAME in a registry, or the NAME subdirectory of a layout directory. */
  static TargetArg chartRepository(TargetArg namespace, String chartName) {
    if (namespace instanceof TargetArg.Layout layout) {
      return new TargetArg.Layout(layout.dir().resolve(chartName), null, null);
    }
    return TargetArg.parse(HelmCharts.chartRepository(namespace.repositoryText(), chartName));
  }

  @Command(name = "push", mixinStandardHelpOptions = true,
      description = {"Push a chart to NAMESPACE/NAME:VERSION as helm push does; prints the manifest digest.",
          "CHART is a packaged NAME-VERSION.tgz or a chart directory (packaged first, reproducibly). The"
              + " first entry of 'sources:' in Chart.yaml becomes org.opencontainers.image.source, which"
              + " links the package to its repository on ghcr.io. A CHART.tgz.prov beside CHART.tgz is"
              + " pushed with it, as helm push does."})
  static final class Push extends BerthCommand {
    @Parameters(index = "0", paramLabel = "CHART", description = "CHART.tgz or a chart directory.")
    Path chart;

    @Parameters(index = "1", paramLabel = "NAMESPACE",
        description = "oci://HOST/NAMESPACE (as with helm), HOST/NAMESPACE, or oci:DIR for layouts.")
    String namespace;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg ns = TargetArg.parse(namespace);
      if (ns.reference() != null) {
        throw new IllegalArgumentException("NAMESPACE takes no tag: the chart's version is its tag");
      }
      LocalPaths.inputFileOrDirectory(chart);
      Path tgz = chart;
      Path tempDir = null;
      try {
        if (Files.isDirectory(chart)) {
          tempDir = Files.createTempDirectory("berth-helm");
          tgz = HelmPackager.packageChart(chart, tempDir);
        }
        ChartMetadata meta = ChartArchive.readMetadata(tgz);
        TargetArg repo = chartRepository(ns, meta.name());
        ProgressBars bars = session.showProgress("push");
        // As helm push: a CHART.tgz.prov beside the packaged chart travels with it as the provenance layer.
        HelmPushOptions options = HelmPushOptions.defaults();
        Path prov = tgz == chart ? chart.resolveSibling(chart.getFileName() + ".prov") : null;
        if (prov != null && Files.exists(prov)) {
          options = options.withProvenance(LocalPaths.inputFile(prov));
        }
        HelmPushResult result = HelmCharts.push(session.open(repo, true), tgz, options);
        bars.finish();
        session.console().note("pushed " + repo.withTag(result.tag()));
        session.console().result(result.manifest().digest().toString());
      } finally {
        if (tempDir != null) {
          LocalPaths.deleteTree(tempDir); // also when packaging failed halfway
        }
      }
      return ExitCodes.OK;
    }
  }

  // No standard -V/--version here: --version is the chart version, as in helm pull.
  @Command(name = "pull",
      description = {"Pull a chart as NAME-VERSION.tgz into -o DIR; prints the manifest digest.",
          "--version takes an exact version or a range (^1.2, ~1.2.3, >=1.0 <2) and picks the highest"
              + " matching tag."})
  static final class Pull extends BerthCommand {
    @Parameters(index = "0", paramLabel = "CHART-REPO",
        description = "oci://HOST/NAMESPACE/NAME, HOST/NAMESPACE/NAME, or oci:DIR/NAME.")
    String repository;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--version", paramLabel = "VERSION",
        description = "A version, range or digest (default: the highest stable version, as Helm's '*').")
    String version;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
        description = "Where to write the chart (default: the current directory).")
    Path output;

    @Override
    protected int run(Session session) throws Exception {
      TargetArg repo = TargetArg.parse(repository);
      if (repo.reference() != null) {
        throw new IllegalArgumentException("CHART-REPO takes no tag or digest: give the version with --version");
      }
      LocalPaths.outputDirectory(output);
      ProgressBars bars = session.showProgress("pull");
      // Without --version, helm pull takes the highest stable version: the range '*' (pre-releases excluded).
      PulledChart pulled = HelmCharts.pull(session.open(repo, false), version == null ? "*" : version, output,
          HelmPullOptions.defaults());
      bars.finish();
      session.console().note("wrote " + pulled.chart());
      session.console().result(pulled.manifest().digest().toString());
      return ExitCodes.OK;
    }
  }
}
