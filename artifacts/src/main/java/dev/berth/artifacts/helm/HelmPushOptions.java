package dev.berth.artifacts.helm;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Options for {@link HelmCharts#push}.
 *
 * @param provenance a {@code .prov} file to push as a second layer, or null
 * @param created the {@code org.opencontainers.image.created} annotation, or null for now (a fixed time
 *     makes pushing the same chart twice give the same manifest digest)
 */
public record HelmPushOptions(Path provenance, Instant created) {
  /** No provenance file, created now. */
  public static HelmPushOptions defaults() {
    return new HelmPushOptions(null, null);
  }

  /** A copy that also pushes this {@code .prov} file (null for none). */
  public HelmPushOptions withProvenance(Path prov) {
    return new HelmPushOptions(prov, created);
  }

  /** A copy with this fixed creation time (null for the time of the push). */
  public HelmPushOptions withCreated(Instant time) {
    return new HelmPushOptions(provenance, time);
  }
}
