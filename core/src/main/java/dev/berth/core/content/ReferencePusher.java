package dev.berth.core.content;

import dev.berth.core.Descriptor;
import java.io.IOException;
import java.io.InputStream;

/**
 * A store that can store a manifest under a tag in one step (a registry's {@code PUT /manifests/<tag>}),
 * where {@link Storage#push} followed by {@link Tagger#tag} would send it twice. {@link
 * dev.berth.core.copy.Copier} pushes the root of a tagged copy this way when the destination offers it.
 */
public interface ReferencePusher {
  /**
   * Stores the manifest or index {@code content}, which must be exactly the bytes {@code expected}
   * describes, and points {@code tag} at it.
   */
  void pushReference(Descriptor expected, InputStream content, String tag) throws IOException;
}
