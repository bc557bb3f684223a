package dev.berth.artifacts.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends measured figures to {@code target/reliability-figures.txt}, for the record SECURITY.md cites. */
final class Figures {
  private Figures() {}

  static synchronized void record(String test, String line) {
    try {
      Files.writeString(Path.of("target", "reliability-figures.txt"), test + ": " + line + System.lineSeparator(),
          StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
