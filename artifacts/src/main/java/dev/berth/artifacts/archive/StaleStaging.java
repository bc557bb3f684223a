package dev.berth.artifacts.archive;

import dev.berth.core.content.ExitCleanup;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Staging directories that a killed run left in an output directory ({@code kill -9} runs no cleanup).
 * One is stale when it has no live owner, which takes two things: the process id in its name
 * ({@code .berth-staging-PID-...}) is not alive on this machine, and nobody holds the lock file inside
 * it. The lock is what protects a live staging directory of another machine on a shared file system,
 * where the id means nothing; the id keeps a directory whose lock cannot be checked.
 */
final class StaleStaging {
  private StaleStaging() {}

  /** Removes the stale staging directories directly inside {@code dir}; failures are ignored. */
  static void sweep(Path dir) {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, StagingDirectory.PREFIX + "*")) {
      for (Path p : ds) {
        if (isStale(p)) {
          StagingDirectory.deleteTree(p);
        }
      }
    } catch (IOException | RuntimeException e) {
      // Best effort: a leftover that cannot be removed now is tried again by the next write.
    }
  }

  static boolean isStale(Path staging) throws IOException {
    if (!Files.isDirectory(staging, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    long pid = pidOf(staging.getFileName().toString());
    if (pid < 0 || pid == ExitCleanup.pid() || !ExitCleanup.ownerIsGone(pid)) {
      return false;
    }
    Path lockFile = staging.resolve(StagingDirectory.PREFIX + "lock");
    if (!Files.isRegularFile(lockFile, LinkOption.NOFOLLOW_LINKS)) {
      return true; // killed between creating the directory and its lock file
    }
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        FileLock lock = ch.tryLock()) {
      return lock != null;
    } catch (OverlappingFileLockException e) {
      return false; // this JVM holds it
    } catch (NoSuchFileException e) {
      return false; // its owner just closed it
    }
  }

  /** The process id in {@code .berth-staging-PID-...}, or -1 for other names (older berth versions). */
  static long pidOf(String name) {
    String rest = name.substring(StagingDirectory.PREFIX.length());
    int dash = rest.indexOf('-');
    if (dash <= 0) {
      return -1;
    }
    try {
      return Long.parseLong(rest.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
