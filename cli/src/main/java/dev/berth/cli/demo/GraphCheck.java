package dev.berth.cli.demo;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ReadOnlyStorage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Reads every node of a content graph back from a store and checks each digest and size: the manifest
 * against the digest the tag resolved to, then every config, layer and child manifest against the
 * descriptor that names it ({@link ReadOnlyStorage#fetch} streams are verified at their end).
 */
public final class GraphCheck {
  private GraphCheck() {}

  /** What was checked. */
  public record Result(int nodes, long bytes) {}

  /** Walks the graph under {@code root}, reading and verifying every node. */
  public static Result verify(ReadOnlyStorage store, Descriptor root) throws IOException {
    if (MediaTypes.isManifestOrIndex(root.mediaType())) {
      EncodedManifest m = Contents.fetchManifest(store, root);
      int nodes = 1;
      long bytes = root.size();
      for (Descriptor child : m.children()) {
        Result r = verify(store, child);
        nodes += r.nodes();
        bytes += r.bytes();
      }
      return new Result(nodes, bytes);
    }
    try (InputStream in = store.fetch(root)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return new Result(1, root.size());
  }
}
