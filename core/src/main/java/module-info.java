/**
 * The OCI model (digests, descriptors, manifests, indexes, references) and the two places content lives:
 * registries ({@code dev.berth.core.remote}, on OkHttp) and OCI image layout directories
 * ({@code dev.berth.core.layout}); {@code content} holds what both share, {@code copy} copies graphs
 * between them. The {@code internal} packages are not part of the API and are not exported.
 */
module dev.berth.core {
  requires transitive dev.berth.auth;
  requires transitive org.jspecify;
  requires transitive okhttp3;
  requires transitive com.fasterxml.jackson.databind;

  exports dev.berth.core;
  exports dev.berth.core.content;
  exports dev.berth.core.copy;
  exports dev.berth.core.layout;
  exports dev.berth.core.remote;

  // Jackson binds the model's records (manifests, descriptors, digests) by reflection.
  opens dev.berth.core to com.fasterxml.jackson.databind;
}
