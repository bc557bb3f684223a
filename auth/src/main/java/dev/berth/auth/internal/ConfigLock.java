package dev.berth.auth.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises read-change-write of one credentials file ({@code config.json}, {@code auth.json}): a lock
 * per file shared by the threads of this JVM, plus an advisory file lock for other processes (two CI
 * steps logging in to different registries at once must both keep their entry). The file itself is
 * replaced on every write, which would drop a lock held on it, so the lock is on a hidden sibling,
 * {@code .NAME.lock}, which stays. In-process locks are dropped once no thread uses them.
 */
public final class ConfigLock {
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

  private ConfigLock() {}

  /** An action without a result, run while holding the lock. */
  @FunctionalInterface
  public interface VoidAction {
    void run() throws IOException;
  }

  /** Runs {@code action} holding the locks of {@code file}, as {@link #with} does. */
  public static void run(Path file, VoidAction action) throws IOException {
    with(file, () -> {
      action.run();
      return Boolean.TRUE; // with() returns its action's value, and nullness is stated: no null for "none"
    });
  }

  /** Runs {@code action} holding the locks of {@code file}. Re-entrant within a thread. */
  public static <T> T with(Path file, Action<T> action) throws IOException {
    Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
    Entry entry;
    synchronized (LOCKS) {
      entry = LOCKS.computeIfAbsent(target, k -> new Entry());
      entry.users++;
    }
    entry.lock.lock();
    try {
      if (entry.lock.getHoldCount() > 1) {
        return action.run(); // the outer call holds the file lock already
      }
      Path dir = Objects.requireNonNull(target.toAbsolutePath().getParent(), "a config file is never the root");
      Files.createDirectories(dir);
      Path lockFile = dir.resolve("." + target.getFileName() + ".lock");
      try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = ch.lock()) {
        return action.run();
      }
    } finally {
      entry.lock.unlock();
      synchronized (LOCKS) {
        if (--entry.users == 0) {
          LOCKS.remove(target);
        }
      }
    }
  }

  /** How many files have an in-process lock now; for tests that check nothing is kept. */
  public static int held() {
    synchronized (LOCKS) {
      return LOCKS.size();
    }
  }
}
