package dev.berth.core.content;

import dev.berth.core.Descriptor;
import java.io.IOException;

/** Storage that can take a blob from a sibling repository without moving the bytes (a cross-mount). */
public interface Mounter {
  /**
   * Makes {@code blob} present here by mounting it from {@code fromRepository} on the same registry; if
   * the registry declines the mount, uploads it from {@code fallback} instead.
   */
  void mount(Descriptor blob, String fromRepository, ContentOpener fallback) throws IOException;
}
