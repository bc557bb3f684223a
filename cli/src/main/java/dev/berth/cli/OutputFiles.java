package dev.berth.cli;

import dev.berth.core.content.LocalFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Writes command output files all at once: a failed or unverified download leaves no partial file.
 *
 * <p>{@code -o} naming a character device or a FIFO ({@code /dev/null}, {@code /dev/stdout}, a named
 * pipe) writes into it as a stream, as a shell redirection would: replacing it with a regular file (as
 * root, {@code -o /dev/null} would replace the system's /dev/null) is never right. Other special files
 * (block devices, sockets) are refused.
 */
final class OutputFiles {
  private OutputFiles() {}

  /** Copies {@code in} to a temp file beside {@code file}, then moves it into place; or into a stream node. */
  static long write(Path file, InputStream in) throws IOException {
    if (isStreamNode(file)) {
      try (OutputStream out = LocalFiles.reportingWriteFailures(
          Files.newOutputStream(file, StandardOpenOption.WRITE), file)) {
        return in.transferTo(out);
      }
    }
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".part");
    try {
      long n;
      try (OutputStream out = LocalFiles.reportingWriteFailures(Files.newOutputStream(tmp), tmp)) {
        n = in.transferTo(out);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return n;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Whether {@code file} (through links) is a character device or a FIFO, to be written into.
   *
   * @throws FileSystemException for another kind of special file, which is neither replaced nor written
   */
  static boolean isStreamNode(Path file) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return false;
    }
    if (a.isRegularFile() || a.isDirectory()) {
      return false;
    }
    String kind = LocalFiles.kind(file, a);
    if (kind.equals("a character device") || kind.equals("a FIFO")) {
      return true;
    }
    throw new FileSystemException(file.toString(), null, "is " + kind + "; berth writes output only to regular"
        + " files, character devices and FIFOs");
  }
}
