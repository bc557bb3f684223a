/**
 * Helm charts, interoperable with real Helm: {@link dev.berth.artifacts.helm.HelmCharts} (push, pull by
 * version or range), {@link dev.berth.artifacts.helm.HelmPackager} ({@code helm package}), {@link
 * dev.berth.artifacts.helm.ChartMetadata} (Chart.yaml and the config blob).
 */
package dev.berth.artifacts.helm;
