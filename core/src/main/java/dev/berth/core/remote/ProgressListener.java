package dev.berth.core.remote;

import dev.berth.core.Descriptor;

/**
 * Follows the bytes of each blob and manifest a {@link Repository} sends or receives. Set one for a
 * whole client ({@link RegistryClient.Builder#progressListener}) or for one operation ({@link
 * Repository#withProgress}: pass that view to a push, pull or copy). {@link #onEvent} says which
 * repository and which direction; the two older callbacks are what it calls by default. Calls for one
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

  /**
   * One step of a transfer, with the repository and direction. By default it calls {@link #onProgress}
   * for bytes and {@link #onDone} once at the end; override it to see the rest.
   */
  default void onEvent(TransferEvent event) {
    if (event.done()) {
      onDone(event.descriptor());
    } else {
      onProgress(event.descriptor(), event.bytesDone(), event.total());
    }
  }

  /** A listener that passes every event to {@code first}, then to {@code second}. */
  static ProgressListener both(ProgressListener first, ProgressListener second) {
    if (first == NONE) {
      return second;
    }
    if (second == NONE) {
      return first;
    }
    return new ProgressListener() {
      @Override
      public void onEvent(TransferEvent event) {
        first.onEvent(event);
        second.onEvent(event);
      }
    };
  }
}
