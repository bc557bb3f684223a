package dev.berth.core.content.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import org.jspecify.annotations.Nullable;

/** Descriptor shapes the stores agree on. */
public final class Descriptors {
  private Descriptors() {}

  /**
   * Only media type, digest and size: what a registry's manifest HEAD reports, so every store resolves
   * to the same shape whatever annotations the pushed or tagged descriptor carried.
   */
  public static Descriptor plain(Descriptor d) {
    return Descriptor.of(d.mediaType(), d.digest(), d.size());
  }

  /**
   * {@code reference} as a digest, or null when it is a tag or ref name. Like the distribution reference
   * grammar, this wants at least 32 encoded characters, so a layout ref name such as {@code alpine:3}
   * is not mistaken for a digest with an unknown algorithm.
   */
  public static @Nullable Digest digestNamedBy(String reference) {
    int colon = reference.indexOf(':');
    if (colon <= 0 || reference.length() - colon - 1 < 32 || reference.indexOf('/') >= 0) {
      return null;
    }
    try {
      return Digest.parse(reference);
    } catch (IllegalArgumentException notADigest) {
      return null;
    }
  }
}
