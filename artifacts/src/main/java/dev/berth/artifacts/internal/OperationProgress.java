package dev.berth.artifacts.internal;

import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.remote.ProgressListener;
import dev.berth.core.remote.Repository;
import java.util.Objects;

/**
 * Where an artifact operation's own progress listener (from its options) is attached: a registry
 * repository reports that operation's transfers to it ({@link Repository#withProgress}); other targets
 * (a layout, memory) move no network bytes and report nothing.
 */
public final class OperationProgress {
  private OperationProgress() {}

  /** {@code target}, reporting what is done through it to {@code listener} too when it is a repository. */
  public static Target on(Target target, ProgressListener listener) {
    Objects.requireNonNull(listener, "listener");
    return listener != ProgressListener.NONE && target instanceof Repository repository
        ? repository.withProgress(listener) : target;
  }

  /** As {@link #on(Target, ProgressListener)} for a source that is only read. */
  public static ReadOnlyTarget on(ReadOnlyTarget source, ProgressListener listener) {
    Objects.requireNonNull(listener, "listener");
    return listener != ProgressListener.NONE && source instanceof Repository repository
        ? repository.withProgress(listener) : source;
  }
}
