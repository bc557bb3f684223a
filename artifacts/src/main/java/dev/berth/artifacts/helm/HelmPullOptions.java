package dev.berth.artifacts.helm;

/**
 * Options for {@link HelmCharts#pull}.
 *
 * @param overwrite replace an existing {@code NAME-VERSION.tgz} (default true, as {@code helm pull} does)
 * @param provenance also write the {@code .prov} file when the chart has one (default true)
 */
public record HelmPullOptions(boolean overwrite, boolean provenance) {
  /** Overwrite, and write the provenance file: what {@code helm pull --prov} does. */
  public static HelmPullOptions defaults() {
    return new HelmPullOptions(true, true);
  }

  /** A copy that may (or may not) replace an existing chart archive. */
  public HelmPullOptions withOverwrite(boolean o) {
    return new HelmPullOptions(o, provenance);
  }

  /** A copy that writes (or skips) the {@code .prov} file. */
  public HelmPullOptions withProvenance(boolean p) {
    return new HelmPullOptions(overwrite, p);
  }
}
