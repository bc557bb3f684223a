package dev.berth.maven;

import dev.berth.artifacts.helm.ChartArchive;
import dev.berth.artifacts.helm.ChartMetadata;
import dev.berth.artifacts.helm.HelmCharts;
import dev.berth.artifacts.helm.HelmPackager;
import dev.berth.artifacts.helm.HelmPushOptions;
import dev.berth.artifacts.helm.HelmPushResult;
import dev.berth.maven.internal.StoreRef;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Packages a chart directory (reproducibly, honouring {@code .helmignore}) and pushes it as {@code helm
 * push} does, to {@code NAMESPACE/CHARTNAME:VERSION}. The packaged {@code NAME-VERSION.tgz} stays in
 * {@code target/berth/helm}. {@code chartVersion} and {@code appVersion} can carry the project's version
 * into the chart without editing Chart.yaml.
 */
@Mojo(name = "helm-push", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class HelmPushMojo extends AbstractBerthMojo {
  /** The chart directory (holding Chart.yaml), or a packaged {@code NAME-VERSION.tgz}. */
  @Parameter(property = "berth.chart", defaultValue = "${project.basedir}/src/main/helm/${project.artifactId}")
  protected File chart;

  /**
   * The namespace to push to, as with {@code helm push}: {@code oci://ghcr.io/OWNER/charts} (the chart
   * lands at {@code ghcr.io/OWNER/charts/NAME:VERSION}); {@code oci:DIR} for a layout directory.
   */
  @Parameter(property = "berth.repository", required = true)
  protected String repository;

  /** Sets the chart's {@code version} (its tag), for example {@code ${project.version}}; default: Chart.yaml's. */
  @Parameter(property = "berth.chartVersion")
  protected String chartVersion;

  /** Sets the chart's {@code appVersion}, for example {@code ${project.version}}; default: Chart.yaml's. */
  @Parameter(property = "berth.appVersion")
  protected String appVersion;

  @Override
  protected void run() throws Exception {
    StoreRef namespace = store(repository, "repository");
    if (namespace.reference() != null) {
      throw new IllegalArgumentException("<repository> " + repository + " takes no tag: the chart's version is its tag");
    }
    Path source = chart.toPath();
    if (!Files.exists(source)) {
      throw new NoSuchFileException(source.toString(), null, "no chart here (<chart>)");
    }
    Path work = workDir().resolve("helm");
    Path tgz;
    if (Files.isDirectory(source)) {
      // The library's packaging, overrides included (helm package --version/--app-version): one path with
      // berth helm push DIR. The archive stays in target/berth/helm for the build to attach or inspect.
      tgz = HelmPackager.packageChart(source, Files.createDirectories(work), chartVersion, appVersion);
      getLog().info("berth: packaged " + tgz);
    } else {
      if (chartVersion != null || appVersion != null) {
        throw new IllegalArgumentException("<chartVersion> and <appVersion> apply to a chart directory,"
            + " not to the packaged " + source.getFileName());
      }
      tgz = source;
    }
    ChartMetadata meta = ChartArchive.readMetadata(tgz);
    StoreRef chartRepo = namespace.remote() != null
        ? store(HelmCharts.chartRepository(namespace.remote().toString(), meta.name()), "repository")
        : new StoreRef(null, namespace.layoutDir().resolve(meta.name()), null, null,
            "oci:" + namespace.layoutDir().resolve(meta.name()));
    workingOn(chartRepo, true);
    HelmPushResult result = HelmCharts.push(chartRepo.open(client("pushed"), true), tgz, HelmPushOptions.defaults());
    publish("helm-push", chartRepo.withTag(result.tag()).text(), result.manifest().digest().toString());
  }
}
