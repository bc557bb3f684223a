package dev.berth.artifacts.helm;

import dev.berth.core.Descriptor;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * What {@link HelmCharts#pull} wrote.
 *
 * @param chart the {@code NAME-VERSION.tgz} file
 * @param provenance the {@code NAME-VERSION.tgz.prov} file, or null when the chart has none or it was
 *     not asked for
 * @param metadata the chart metadata from the manifest's config
 * @param manifest the manifest's descriptor
 * @param tag the tag or digest that was pulled
 * @param verification who signed the chart, when the pull verified it ({@link HelmPullOptions#keyring()}),
 *     otherwise null
 */
public record PulledChart(Path chart, @Nullable Path provenance, ChartMetadata metadata, Descriptor manifest, String tag,
    @Nullable ProvenanceVerification verification) {
  /** A chart pulled without verification. */
  public PulledChart(Path chart, Path provenance, ChartMetadata metadata, Descriptor manifest, String tag) {
    this(chart, provenance, metadata, manifest, tag, null);
  }
}
