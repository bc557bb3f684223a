package dev.berth.core.content.internal;

import dev.berth.core.Descriptor;

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

  /** Whether {@code reference} has the shape of a digest ({@code algorithm:encoded}) rather than a tag. */
  public static boolean looksLikeDigest(String reference) {
    return reference.indexOf(':') > 0 && reference.indexOf('/') < 0;
  }
}
