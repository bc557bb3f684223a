package dev.berth.artifacts.files;

import dev.berth.core.content.ExitCleanup;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The temp files a directory push archives into: {@code berth-dir-PID-*.tar.gz} in the system temp
 * directory, removed when the push ends, when the JVM shuts down first (Ctrl-C, SIGTERM), and, for runs
 * killed outright, by the first directory push of a later process, which removes those whose process
 * is gone from this machine (the system temp directory is not shared between machines).
 */
final class DirectoryArchives {
  static final String PREFIX = "berth-dir-";
  private static final AtomicBoolean SWEPT = new AtomicBoolean();

  private DirectoryArchives() {}

  /** A new, registered temp file; the caller deletes it and calls {@link ExitCleanup#release}. */
  static Path createTempFile() throws IOException {
    Path file = Files.createTempFile(PREFIX + ExitCleanup.pid() + "-", ".tar.gz");
    ExitCleanup.register(file);
    if (!SWEPT.getAndSet(true)) {
      sweep(Objects.requireNonNull(file.getParent(), "a temp file lies in a directory"));
    }
    return file;
  }

  /** Removes {@code berth-dir-PID-*.tar.gz} files in {@code dir} whose process is gone; best effort. */
  static int sweep(Path dir) {
    int removed = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*.tar.gz")) {
      for (Path p : ds) {
        long pid = pidOf(p.getFileName().toString());
        if (pid >= 0 && pid != ExitCleanup.pid() && ExitCleanup.ownerIsGone(pid)
            && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // best effort: the next process tries again
    }
    return removed;
  }

  static long pidOf(String name) {
    String rest = name.substring(PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      return dash <= 0 ? -1 : Long.parseLong(rest.substring(0, dash));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
