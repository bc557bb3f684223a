package dev.berth.cli;

import dev.berth.core.Descriptor;
import dev.berth.core.copy.CopyListener;
import dev.berth.core.remote.ProgressListener;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Passes on the byte counts of only the nodes a copy moves. A bake also downloads the base's manifest
 * and config to read them; those transfers are not part of the push and must not show as
 * {@code pushed} lines.
 */
final class CopiedNodesProgress implements ProgressListener {
  private final ProgressListener bars;
  private final Set<String> moving = ConcurrentHashMap.newKeySet();

  CopiedNodesProgress(ProgressListener bars) {
    this.bars = bars;
  }

  /** {@code copy} with each node it is about to move recorded first. */
  CopyListener announcing(CopyListener copy) {
    return new CopyListener() {
      @Override
      public void preCopy(Descriptor node) throws IOException {
        moving.add(node.digest().toString());
        copy.preCopy(node);
      }

      @Override
      public void postCopy(Descriptor node) throws IOException {
        copy.postCopy(node);
      }

      @Override
      public void onSkipped(Descriptor node) throws IOException {
        copy.onSkipped(node);
      }

      @Override
      public void onMounted(Descriptor blob, String fromRepository) throws IOException {
        copy.onMounted(blob, fromRepository);
      }
    };
  }

  @Override
  public void onProgress(Descriptor descriptor, long bytesDone, long total) {
    if (moving.contains(descriptor.digest().toString())) {
      bars.onProgress(descriptor, bytesDone, total);
    }
  }

  @Override
  public void onDone(Descriptor descriptor) {
    if (moving.contains(descriptor.digest().toString())) {
      bars.onDone(descriptor);
    }
  }
}
