package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.remote.ProgressListener;
import dev.berth.core.remote.TransferEvent;
import dev.berth.core.remote.TransferEvent.Direction;

/** Reports transfers of one repository to its listener, as {@link TransferEvent}s naming the repository. */
public final class Progress {
  private final ProgressListener listener;
  private final String repository;

  Progress(ProgressListener listener, String repository) {
    this.listener = listener;
    this.repository = repository;
  }

  /** {@code bytesDone} bytes of {@code d} have moved. */
  public void bytes(Direction direction, Descriptor d, long bytesDone) {
    listener.onEvent(new TransferEvent(repository, direction, d, bytesDone, false));
  }

  /** All of {@code d} moved (or was there already): its last event. */
  public void done(Direction direction, Descriptor d) {
    listener.onEvent(new TransferEvent(repository, direction, d, d.size(), true));
  }

  /** A whole small document moved at once (a manifest): its bytes, then done. */
  public void whole(Direction direction, Descriptor d) {
    bytes(direction, d, d.size());
    done(direction, d);
  }

  ProgressListener listener() {
    return listener;
  }
}
