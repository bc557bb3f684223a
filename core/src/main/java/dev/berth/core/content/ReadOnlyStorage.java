package dev.berth.core.content;

import dev.berth.core.Descriptor;
import java.io.IOException;
import java.io.InputStream;

/** Content addressed by descriptor that can be read: a registry repository, an OCI layout, memory. */
public interface ReadOnlyStorage {
  /**
   * Opens the content {@code target} describes. The stream yields at most {@code target.size()} bytes
   * and, at end of stream, throws {@link dev.berth.core.DigestMismatchException} or {@link
   * dev.berth.core.SizeMismatchException} if the bytes were not what the descriptor promised (see
   * {@link VerifiedInputStream}). Callers must close it.
   *
   * @throws dev.berth.core.NotFoundException when the content is absent
   */
  InputStream fetch(Descriptor target) throws IOException;

  /** Whether the content {@code target} describes is present. */
  boolean exists(Descriptor target) throws IOException;
}
