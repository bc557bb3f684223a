package dev.berth.core.copy;

import dev.berth.core.Descriptor;
import java.io.IOException;

/**
 * Hooks a {@link Copier} calls as it moves a graph; every method defaults to doing nothing. Calls come
 * from the copy's worker threads, several at once, so implementations must be thread-safe. A hook that
 * throws aborts the copy with that exception.
 */
public interface CopyListener {
  /** A listener that does nothing. */
  CopyListener NONE = new CopyListener() {};

  /** Before {@code node}'s bytes are transferred (for a manifest, after all its children are). */
  default void preCopy(Descriptor node) throws IOException {}

  /** After {@code node} was transferred and is present at the destination. */
  default void postCopy(Descriptor node) throws IOException {}

  /** The destination already had {@code node}; for a manifest or index, nothing below it was visited. */
  default void onSkipped(Descriptor node) throws IOException {}

  /** {@code blob} was mounted at the destination from {@code fromRepository} instead of transferred. */
  default void onMounted(Descriptor blob, String fromRepository) throws IOException {}
}
