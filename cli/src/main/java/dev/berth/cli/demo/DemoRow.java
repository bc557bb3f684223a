package dev.berth.cli.demo;

import dev.berth.core.Digest;

/**
 * One artifact the demo pushed, pulled back and verified.
 *
 * @param kind helm, wasm or files
 * @param repository where it went, as a user would type it ({@code oci:DIR} or {@code HOST/NAME})
 * @param tag the tag it was pushed under
 * @param digest the manifest digest the tag resolves to
 * @param size bytes of the whole graph (manifest, config, layers)
 * @param nanos push, list, pull and verify, end to end
 * @param nodes manifests and blobs whose digests were verified
 * @param note what the pulled artifact proved (e.g. the wasm module's answer)
 */
public record DemoRow(String kind, String repository, String tag, Digest digest, long size, long nanos, int nodes,
    String note) {
  /** {@code repository:tag}. */
  public String reference() {
    return repository + ":" + tag;
  }
}
