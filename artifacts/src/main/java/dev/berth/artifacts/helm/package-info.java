/**
 * Helm charts, interoperable with real Helm: {@link dev.berth.artifacts.helm.HelmCharts} (push a chart or a
 * chart directory, pull by version or range, verified when asked), {@link
 * dev.berth.artifacts.helm.HelmPackager} ({@code helm package}, with version overrides), {@link
 * dev.berth.artifacts.helm.ChartMetadata} (Chart.yaml and the config blob), {@link
 * dev.berth.artifacts.helm.ChartProvenance} and {@link dev.berth.artifacts.helm.ProvenanceSigner} (Helm's
 * {@code .prov} files: OpenPGP clear signatures, needing the optional BouncyCastle {@code bcpg}).
 */
@NullMarked
package dev.berth.artifacts.helm;

import org.jspecify.annotations.NullMarked;
