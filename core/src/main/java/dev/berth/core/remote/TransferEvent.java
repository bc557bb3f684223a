package dev.berth.core.remote;

import dev.berth.core.Descriptor;

/**
 * One step in moving one blob or manifest to or from a repository: which repository, which way, what,
 * and how far. {@link ProgressListener#onEvent} receives these; {@code done} comes exactly once per
 * descriptor moved (or found present, or mounted), after its last bytes.
 *
 * @param repository the repository as {@code host/name}
 * @param direction whether the bytes go to the registry or come from it
 * @param descriptor what moves
 * @param bytesDone bytes moved so far (the whole size once done)
 * @param done whether this is the descriptor's last event: moved and verified, or already there
 */
public record TransferEvent(String repository, Direction direction, Descriptor descriptor, long bytesDone,
    boolean done) {
  /** Which way bytes move. */
  public enum Direction {
    /** From this machine to the registry (push, mount). */
    UPLOAD,
    /** From the registry to this machine (pull, fetch). */
    DOWNLOAD
  }

  /** The descriptor's size: what {@link #bytesDone()} reaches. */
  public long total() {
    return descriptor.size();
  }
}
