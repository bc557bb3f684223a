package dev.berth.core.content;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary files and directories that berth removes when the JVM shuts down while they still exist:
 * on SIGINT (Ctrl-C) or SIGTERM, a pull's staging directory, a push's directory archive and a layout's
 * half-written blob go with the process. (SIGKILL runs no hook; {@link #pid()} in a name and {@link #ownerIsGone} let the next run
 * recognise what a killed process left.)
 *
 * <p>Register a path right after creating it and close the registration once it is moved into place or
 * deleted, so a long-running embedder does not accumulate paths.
 */
public final class ExitCleanup {
  /** How often a path still being written into is deleted again at exit, and the pause between. */
  private static final int DELETE_ROUNDS = 20;
  private static final long ROUND_PAUSE_MILLIS = 25;

  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
  private static volatile boolean hookInstalled;

  private ExitCleanup() {}

  /** A registered path; closing it unregisters (and deletes nothing). */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  /** Deletes {@code path} (a file, or a directory tree without following links) if the JVM exits first. */
  public static Registration register(Path path) {
    Path p = path.toAbsolutePath();
    installHook();
    PENDING.add(p);
    return () -> release(p);
  }

  /** Unregisters {@code path} (deleting nothing): it was moved into place or deleted. */
  public static void release(Path path) {
    PENDING.remove(path.toAbsolutePath());
  }

  private static synchronized void installHook() {
    if (hookInstalled) {
      return;
    }
    try {
      Runtime.getRuntime().addShutdownHook(new Thread(ExitCleanup::deleteAll, "berth-exit-cleanup"));
    } catch (IllegalStateException shuttingDown) {
      return; // already shutting down: nothing registered now can be cleaned by a hook
    }
    hookInstalled = true;
  }

  private static void deleteAll() {
    for (Path p : PENDING) {
      deleteWhileWritten(p);
    }
  }

  /**
   * Deletes {@code p}, again while it is still there: the command's own threads keep running during
   * shutdown hooks, so a download may create a file in a staging directory just after the walk listed
   * it, and the directory's removal then fails as not empty. A few rounds outlast that writer's last
   * file; what still remains is best effort, and the next run's sweep removes it.
   */
  private static void deleteWhileWritten(Path p) {
    for (int round = 0; round < DELETE_ROUNDS && Files.exists(p, LinkOption.NOFOLLOW_LINKS); round++) {
      try {
        deleteTree(p);
      } catch (IOException | RuntimeException e) {
        try {
          Thread.sleep(ROUND_PAUSE_MILLIS);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /** Deletes a file, a link or a directory tree, never following links. */
  static void deleteTree(Path top) throws IOException {
    try {
      Files.walkFileTree(top, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          Files.deleteIfExists(file);
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
          Files.deleteIfExists(dir);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (NoSuchFileException gone) {
      // already moved into place or deleted
    }
  }

  /** The id of this process, for names of temporary files that another run must be able to attribute. */
  public static long pid() {
    return ProcessHandle.current().pid();
  }

  /**
   * Whether the process that named a temporary path {@code pid} is gone from this machine. A process
   * with that id alive (its owner, or an unrelated process that reused the id) counts as the owner:
   * such a leftover is kept, never a live one removed.
   */
  public static boolean ownerIsGone(long pid) {
    return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
  }
}
