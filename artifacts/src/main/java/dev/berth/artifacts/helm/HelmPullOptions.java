package dev.berth.artifacts.helm;

/**
 * Options for {@link HelmCharts#pull}.
 *
 * @param overwrite replace an existing {@code NAME-VERSION.tgz} (default true, as {@code helm pull} does)
 * @param provenance also write the {@code .prov} file when the chart has one (default true)
 */
public record HelmPullOptions(boolean overwrite, boolean provenance) {
  public static HelmPullOptions defaults() {
    return new HelmPullOptions(true, true);
  }

  public HelmPullOptions withOverwrite(boolean o) {
    return new HelmPullOptions(o, provenance);
  }

  public HelmPullOptions withProvenance(boolean p) {
    return new HelmPullOptions(overwrite, p);
  }
}
