package dev.berth.core.layout.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises changes to one layout's {@code index.json}: a lock per directory shared by every {@code
 * OciLayout} in this JVM, plus an advisory file lock on the {@code oci-layout} file for other processes.
 * The file lock sits on {@code oci-layout} because that file is never replaced, so no lock file is added
 * to the layout. A directory's in-process lock exists only while some thread uses it, so a process that
 * opens many layouts keeps none of them.
 */
public final class LayoutLock {
  /** An action run while holding the lock. */
  @FunctionalInterface
  public interface Action<T> {
    T run() throws IOException;
  }

  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  /** Guarded by itself. */
  private static final Map<Path, Entry> LOCKS = new HashMap<>();

  private final Path root;
  private final Path lockFile;

  /** @param root the layout directory, already resolved to its real path */
  public LayoutLock(Path root, Path lockFile) {
    this.root = root;
    this.lockFile = lockFile;
  }

  /** How many layouts have an in-process lock now; for tests that check nothing is kept. */
  static int held() {
    synchronized (LOCKS) {
      return LOCKS.size();
    }
  }

  /** A change with no result, made holding both locks. */
  @FunctionalInterface
  public interface Change {
    void run() throws IOException;
  }

  /** Runs {@code change} holding both locks, as {@link #with} does. */
  public void run(Change change) throws IOException {
    with(() -> {
      change.run();
      return Boolean.TRUE; // with() hands back its action's value, and null is not one (nullness is stated)
    });
  }

  /** Runs {@code action} holding both locks. Re-entrant within a thread. */
  public <T> T with(Action<T> action) throws IOException {
    Entry entry;
    synchronized (LOCKS) {
      entry = LOCKS.computeIfAbsent(root, k -> new Entry());
      entry.users++;
    }
    ReentrantLock inProcess = entry.lock;
    inProcess.lock();
    try {
      if (inProcess.getHoldCount() > 1) {
        return action.run(); // the outer call holds the file lock already
      }
      FileChannel ch;
      try {
        // Never through a link: the marker was checked to be a regular file of the layout when opened.
        ch = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
      } catch (AccessDeniedException readOnlyMarker) {
        // oci-layout is read-only here; other processes go unguarded, this JVM stays serialised.
        return action.run();
      }
      try (ch; FileLock lock = ch.lock()) {
        return action.run();
      }
    } finally {
      inProcess.unlock();
      synchronized (LOCKS) {
        if (--entry.users == 0) {
          LOCKS.remove(root);
        }
      }
    }
  }
}
