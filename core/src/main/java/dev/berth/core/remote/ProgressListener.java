package dev.berth.core.remote;

import dev.berth.core.Descriptor;

/**
 * Follows the bytes of each blob and manifest a {@link Repository} sends or receives. Calls for one
 * descriptor come from the thread moving it, in order; calls for different descriptors may come from
 * several threads at once, so implementations must be thread-safe. Keep them quick: they run inside
 * the transfer loop.
 */
public interface ProgressListener {
  /** A listener that ignores progress. */
  ProgressListener NONE = new ProgressListener() {};

  /**
   * Some bytes of {@code descriptor} moved.
   *
   * @param bytesDone bytes moved so far for this descriptor
   * @param total the descriptor's size
   */
  default void onProgress(Descriptor descriptor, long bytesDone, long total) {}

  /** All of {@code descriptor} moved and was verified (or the registry already had it). */
  default void onDone(Descriptor descriptor) {}
}
