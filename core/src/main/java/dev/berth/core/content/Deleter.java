package dev.berth.core.content;

import dev.berth.core.Descriptor;
import java.io.IOException;

/** Storage that can delete content. */
public interface Deleter {
  /**
   * Deletes the content {@code target} describes (for a manifest, also the tags pointing at it).
   *
   * @throws dev.berth.core.NotFoundException when absent
   * @throws dev.berth.core.UnsupportedException when the registry refuses deletes (ghcr.io)
   */
  void delete(Descriptor target) throws IOException;
}
