package dev.berth.artifacts.helm;

import dev.berth.core.Descriptor;
import org.jspecify.annotations.Nullable;

/**
 * What {@link HelmCharts#push} stored.
 *
 * @param manifest the manifest's descriptor
 * @param tag the tag it got: the chart version with {@code +} turned into {@code _}
 * @param chart the chart's metadata, as pushed in the config
 * @param config the config blob's descriptor
 * @param chartLayer the chart archive's descriptor
 * @param provenanceLayer the provenance file's descriptor, or null
 */
public record HelmPushResult(Descriptor manifest, String tag, ChartMetadata chart, Descriptor config,
    Descriptor chartLayer, @Nullable Descriptor provenanceLayer) {}
