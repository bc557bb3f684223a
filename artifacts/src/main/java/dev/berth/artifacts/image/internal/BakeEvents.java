package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.BlobTransferListener;
import dev.berth.core.Descriptor;
import dev.berth.core.copy.CopyListener;
import java.io.IOException;

/** Tells a copy's events both to the caller's copy listener and, reshaped, to a bake listener. */
public final class BakeEvents implements CopyListener {
  private final CopyListener copy;
  private final BlobTransferListener bake;
  private final OverlayStorage content;

  public BakeEvents(CopyListener copy, BlobTransferListener bake, OverlayStorage content) {
    this.copy = copy;
    this.bake = bake;
    this.content = content;
  }

  @Override
  public void preCopy(Descriptor node) throws IOException {
    copy.preCopy(node);
  }

  @Override
  public void postCopy(Descriptor node) throws IOException {
    copy.postCopy(node);
    if (content.isLocal(node)) {
      bake.onPushed(node);
    } else {
      bake.onCopied(node);
    }
  }

  @Override
  public void onSkipped(Descriptor node) throws IOException {
    copy.onSkipped(node);
    bake.onExisting(node);
  }

  @Override
  public void onMounted(Descriptor blob, String fromRepository) throws IOException {
    copy.onMounted(blob, fromRepository);
    bake.onMounted(blob, fromRepository);
  }
}
