package dev.berth.core;

import org.jspecify.annotations.Nullable;

/**
 * Content did not hash to the digest its descriptor promised; nothing from it was kept. Also thrown when
 * a registry accepts a manifest but reports ({@code Docker-Content-Digest}) a different digest for it;
 * the registry has then stored it all the same.
 */
public class DigestMismatchException extends OciException {
  /** The descriptor the content was meant to match. */
  private final Descriptor expected;
  /** What the content actually hashed to, or what the registry reported. */
  private final @Nullable Digest actual;

  /**
   * @param expected the descriptor the content was meant to match
   * @param actual the digest the content actually hashed to, or that the registry reported for it
   */
  public DigestMismatchException(Descriptor expected, Digest actual) {
    super("content for " + expected.digest() + " hashed to " + actual + " (" + expected.mediaType() + ")");
    this.expected = expected;
    this.actual = actual;
  }

  /**
   * @param message what disagreed, naming both digests (e.g. a registry answering another manifest for a
   *     digest-pinned reference)
   * @param expected the descriptor the content was meant to match
   * @param actual the digest the content hashed to, or that the registry reported for it
   */
  public DigestMismatchException(String message, Descriptor expected, @Nullable Digest actual) {
    super(message);
    this.expected = expected;
    this.actual = actual;
  }

  /** The descriptor the content was meant to match. */
  public Descriptor expected() {
    return expected;
  }

  /**
   * The digest the content actually hashed to, or that the registry reported for it; null when the
   * registry did not confirm a digest berth cannot compute.
   */
  public @Nullable Digest actual() {
    return actual;
  }
}
