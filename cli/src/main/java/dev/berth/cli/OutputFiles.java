package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Writes command output files all at once: a failed or unverified download leaves no partial file. */
final class OutputFiles {
  private OutputFiles() {}

  /** Copies {@code in} to a temp file beside {@code file}, then moves it into place. */
  static long write(Path file, InputStream in) throws IOException {
    Path abs = file.toAbsolutePath();
    Path dir = abs.getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".part");
    try {
      long n;
      try (OutputStream out = Files.newOutputStream(tmp)) {
        n = in.transferTo(out);
      }
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return n;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
