/**
 * Artifact types on top of berth's core: files and directories (as oras pushes them), Helm charts, wasm
 * modules, container images (append layers, bake), referrers, and ghcr.io package housekeeping. Reading
 * this module reads {@code dev.berth.core} (and through it OkHttp and Jackson), which its API uses.
 */
module dev.berth.artifacts {
  requires transitive dev.berth.core;
  requires transitive org.jspecify;
  requires org.apache.commons.compress;
  requires com.fasterxml.jackson.dataformat.yaml;
  // Optional: only Helm provenance (ChartProvenance, ProvenanceSigner) needs OpenPGP. Applications that
  // verify charts on the module path add org.bouncycastle.pg (and with it org.bouncycastle.provider).
  requires static org.bouncycastle.pg;
  requires static org.bouncycastle.provider;

  exports dev.berth.artifacts;
  exports dev.berth.artifacts.archive;
  exports dev.berth.artifacts.files;
  exports dev.berth.artifacts.github;
  exports dev.berth.artifacts.helm;
  exports dev.berth.artifacts.image;
  exports dev.berth.artifacts.referrers;
  exports dev.berth.artifacts.wasm;

  // Jackson binds Chart.yaml / the chart config and the wasm config records by reflection.
  opens dev.berth.artifacts.helm to com.fasterxml.jackson.databind;
  opens dev.berth.artifacts.wasm to com.fasterxml.jackson.databind;
}
