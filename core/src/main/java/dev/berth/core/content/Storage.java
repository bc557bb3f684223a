package dev.berth.core.content;

import dev.berth.core.Descriptor;
import java.io.IOException;
import java.io.InputStream;

/** Storage that also accepts content. */
public interface Storage extends ReadOnlyStorage {
  /**
   * Stores {@code content}, which must be exactly the bytes {@code expected} describes. The content
   * becomes visible only once its size and digest are verified; on any failure nothing is kept. The
   * stream is read once and not closed by this method.
   *
   * @throws dev.berth.core.DigestMismatchException when the bytes do not hash to {@code expected}'s
   *     digest
   * @throws dev.berth.core.SizeMismatchException when there are more or fewer bytes than {@code
   *     expected}'s size
   */
  void push(Descriptor expected, InputStream content) throws IOException;
}
