package dev.berth.core.layout;

import dev.berth.core.Digest;
import java.util.List;

/**
 * What {@link OciLayout#gc()} removed.
 *
 * @param deletedBlobs blobs no tag reached, in no particular order
 * @param freedBytes their total size
 * @param deletedTempFiles leftovers of interrupted pushes
 */
public record GcResult(List<Digest> deletedBlobs, long freedBytes, int deletedTempFiles) {
  /** Copies the list. */
  public GcResult {
    deletedBlobs = List.copyOf(deletedBlobs);
  }
}
