package dev.berth.cli;

import dev.berth.core.content.LocalFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Checks the local files and directories named on the command line before any work starts, so a
 * mistake (a directory where a file belongs, a file in the way of an output directory) is reported as
 * that mistake, with the path, rather than as whatever the file system says halfway through.
 */
final class LocalPaths {
  private LocalPaths() {}

  /**
   * {@code file} as an input: it must exist and be a regular file (through links). A directory is a
   * usage mistake; a FIFO, a device or a socket is refused before it is opened, naming what it is, since
   * reading one can block for ever or never end.
   */
  static Path inputFile(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString());
    }
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a directory, not a file");
    }
    LocalFiles.requireRegularFile(file);
    return file;
  }

  /** {@code path} as an input that may be a regular file or a directory: it must exist and be one of those. */
  static Path inputFileOrDirectory(Path path) throws IOException {
    if (!Files.exists(path)) {
      throw new NoSuchFileException(path.toString());
    }
    if (!Files.isDirectory(path)) {
      LocalFiles.requireRegularFile(path);
    }
    return path;
  }

  /** {@code dir} as an output directory: it may be missing, but neither it nor a parent may be a file. */
  static Path outputDirectory(Path dir) {
    Path existing = firstExisting(dir.toAbsolutePath());
    if (existing != null && !Files.isDirectory(existing)) {
      throw new IllegalArgumentException(existing.equals(dir.toAbsolutePath())
          ? dir + " is a file, not a directory"
          : dir + " cannot be a directory: " + existing + " is a file");
    }
    return dir;
  }

  /** {@code file} as an output file: it must not be a directory, and its parent must be able to be one. */
  static Path outputFile(Path file) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a directory; name the file to write");
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Path existing = firstExisting(parent);
      if (existing != null && !Files.isDirectory(existing)) {
        throw new IllegalArgumentException("cannot write " + file + ": " + existing + " is a file, not a directory");
      }
    }
    return file;
  }

  /** The outermost directory that creating {@code dir} would create, or null when {@code dir} exists. */
  static Path outermostMissing(Path dir) {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      return null;
    }
    Path missing = abs;
    while (missing.getParent() != null && !Files.exists(missing.getParent())) {
      missing = missing.getParent();
    }
    return missing;
  }

  /** Deletes {@code dir} and everything in it; for directories this run created itself. */
  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static Path firstExisting(Path abs) {
    for (Path p = abs; p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return p;
      }
    }
    return null;
  }
}
