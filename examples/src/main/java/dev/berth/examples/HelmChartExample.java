package dev.berth.examples;

import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPullOptions;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.artifacts.helm.HelmPushResult;
import dev.berth.artifacts.helm.PulledChart;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Pushes a chart directory (packaged on the way, as {@code helm package} would) to a registry the way
 * {@code helm push} does, and pulls it back the way {@code helm pull} does. On ghcr.io the credentials
 * come from {@code GITHUB_ACTOR} and {@code GITHUB_TOKEN} (GitHub Actions) or from {@code berth login
 * ghcr.io} / {@code docker login}.
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
    HelmPushResult pushed = HelmCharts.push(args[1], Path.of(args[0]), HelmPushOptions.defaults());
    System.out.println("pushed " + pushed.chart().name() + ":" + pushed.tag() + " " + pushed.manifest().digest());
    PulledChart pulled = HelmCharts.pull(HelmCharts.chartRepository(args[1], pushed.chart().name()),
        pushed.chart().version(), Path.of(args[2]), HelmPullOptions.defaults());
    System.out.println("pulled " + pulled.chart());
  }

  /** Pushes a chart (directory or {@code .tgz}) to {@code NAMESPACE/CHARTNAME:VERSION}, as {@code helm push}. */
  public static HelmPushResult push(RegistryClient client, Path chart, String namespace) throws IOException {
    return HelmCharts.push(client, namespace, chart, HelmPushOptions.defaults());
  }

  /** Pulls {@code version} (or the highest version in a range such as {@code ^1.2}) into {@code outputDir}. */
  public static PulledChart pull(RegistryClient client, String chartRepository, String version, Path outputDir)
      throws IOException {
    return HelmCharts.pull(client, chartRepository, version, outputDir, HelmPullOptions.defaults());
  }
}
