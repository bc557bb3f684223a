package dev.berth.cli;

import dev.berth.core.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code -o FILE} of the commands that fetch one piece of content (manifest get, blob get): without
 * it the bytes go to stdout as they are; with it they go to FILE all at once and stdout gets the digest,
 * so a script can pipe the content or keep the file and its digest.
 */
final class StdoutOrFile {
  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of stdout.")
  Path output;

  /** Checks -o FILE before anything is fetched. */
  void check() {
    if (output != null) {
      LocalPaths.outputFile(output);
    }
  }

  /** Whether the content goes to a file (and only the digest to stdout). */
  boolean toFile() {
    return output != null;
  }

  /** Writes {@code content}, whose digest is {@code digest}, to -o FILE or to stdout. */
  void write(Console console, InputStream content, Digest digest) throws IOException {
    if (output == null) {
      OutputStream out = console.rawOut();
      content.transferTo(out);
      out.flush();
    } else {
      OutputFiles.write(output, content);
      console.result(digest.toString());
    }
  }
}
