package dev.berth.core.content;

import dev.berth.core.Descriptor;
import java.io.IOException;
import java.io.InputStream;

/** Storage that can take a blob from a sibling repository without moving the bytes (a cross-mount). */
public interface Mounter {
  /** Supplies the blob's bytes when a mount is refused and the blob must be uploaded after all. */
  @FunctionalInterface
  interface ContentSupplier {
    /** Opens the blob's bytes; the caller closes the stream. */
    InputStream open() throws IOException;
  }

  /**
   * Makes {@code blob} present here by mounting it from {@code fromRepository} on the same registry; if
   * the registry declines the mount, uploads it from {@code fallback} instead.
   */
  void mount(Descriptor blob, String fromRepository, ContentSupplier fallback) throws IOException;
}
