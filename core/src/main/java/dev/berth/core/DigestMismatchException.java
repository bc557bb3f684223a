package dev.berth.core;

/** Content did not hash to the digest its descriptor promised; nothing from it was kept. */
public class DigestMismatchException extends OciException {
  private final Descriptor expected;
  private final Digest actual;

  public DigestMismatchException(Descriptor expected, Digest actual) {
    super("content for " + expected.digest() + " hashed to " + actual + " (" + expected.mediaType() + ")");
    this.expected = expected;
    this.actual = actual;
  }

  public Descriptor expected() {
    return expected;
  }

  public Digest actual() {
    return actual;
  }
}
