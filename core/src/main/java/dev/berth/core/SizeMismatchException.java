package dev.berth.core;

/** Content was longer or shorter than its descriptor's size; nothing from it was kept. */
public class SizeMismatchException extends OciException {
  private final Descriptor expected;
  private final long actualSize;

  public SizeMismatchException(Descriptor expected, long actualSize) {
    super("content for " + expected.digest() + " has " + (actualSize < 0 ? "more than " + expected.size() : actualSize)
        + " bytes, descriptor says " + expected.size());
    this.expected = expected;
    this.actualSize = actualSize;
  }

  public Descriptor expected() {
    return expected;
  }

  /** The observed size, or -1 when reading stopped because the content ran past the expected size. */
  public long actualSize() {
    return actualSize;
  }
}
