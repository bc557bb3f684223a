package dev.berth.artifacts.image;

import dev.berth.core.Descriptor;

/**
 * Hears how each piece of a baked image reached the target: a simpler, image-shaped view of the
 * {@link dev.berth.core.copy.CopyListener} events of the copy. All methods default to doing nothing.
 * Calls come from the copy's worker threads, several at once, so implementations must be thread-safe.
 */
public interface BlobTransferListener {
  /** The target already had {@code blob}; nothing moved. */
  default void onExisting(Descriptor blob) {}

  /**
   * {@code blob} was mounted from {@code fromRepository} on the same registry (the registry may still
   * have declined and had it uploaded, which it does not tell).
   */
  default void onMounted(Descriptor blob, String fromRepository) {}

  /** {@code blob} was streamed from the source to the target. */
  default void onCopied(Descriptor blob) {}

  /** {@code blob} was pushed from local content berth made (a new layer, config or manifest). */
  default void onPushed(Descriptor blob) {}
}
