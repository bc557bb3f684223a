package dev.berth.examples;

import dev.berth.artifacts.helm.ChartArchive;
import dev.berth.artifacts.helm.ChartMetadata;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.artifacts.helm.HelmPushResult;
import dev.berth.artifacts.helm.PulledChart;
import dev.berth.auth.CredentialProvider;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Packages a chart directory, pushes it to a registry the way {@code helm push} does, and pulls it back
 * the way {@code helm pull} does. On ghcr.io the credentials come from {@code GITHUB_ACTOR} and
 * {@code GITHUB_TOKEN} (GitHub Actions) or from {@code berth login ghcr.io} / {@code docker login}.
 *
 * <pre>
 * java -cp berth.jar dev.berth.examples.HelmChartExample ./mychart oci://ghcr.io/OWNER/charts ./downloads
 * </pre>
 */
public final class HelmChartExample {
  private HelmChartExample() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: HelmChartExample CHART-DIR oci://HOST/NAMESPACE OUTPUT-DIR");
      System.exit(2);
    }
    RegistryClient client = RegistryClient.builder().credentials(CredentialProvider.defaults()).build();
    Path tgz = HelmPackager.packageChart(Path.of(args[0]), Files.createTempDirectory("chart"));
    HelmPushResult pushed = push(client, tgz, args[1]);
    System.out.println("pushed " + pushed.chart().name() + ":" + pushed.tag() + " " + pushed.manifest().digest());
    PulledChart pulled = pull(client, HelmCharts.chartRepository(args[1], pushed.chart().name()),
        pushed.chart().version(), Path.of(args[2]));
    System.out.println("pulled " + pulled.chart());
  }

  /** Pushes a packaged chart to {@code NAMESPACE/CHARTNAME:VERSION}, as {@code helm push} does. */
  public static HelmPushResult push(RegistryClient client, Path chartTgz, String namespace) throws IOException {
    ChartMetadata chart = ChartArchive.readMetadata(chartTgz);
    Repository repository = client.repository(HelmCharts.chartRepository(namespace, chart.name()));
    return HelmCharts.push(repository, chartTgz, HelmPushOptions.defaults());
  }

  /** Pulls {@code version} (or the highest version in a range such as {@code ^1.2}) into {@code outputDir}. */
  public static PulledChart pull(RegistryClient client, String chartRepository, String version, Path outputDir)
      throws IOException {
    return HelmCharts.pull(client.repository(chartRepository), version, outputDir, HelmPullOptions.defaults());
  }
}
