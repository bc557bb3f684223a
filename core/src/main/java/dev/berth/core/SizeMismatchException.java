package dev.berth.core;

/** Content was longer or shorter than its descriptor's size; nothing from it was kept. */
public class SizeMismatchException extends OciException {
  /** The descriptor whose size the content was meant to have. */
  private final Descriptor expected;
  /** The observed size, or -1 when it ran past the expected one. */
  private final long actualSize;

  /**
   * @param expected the descriptor whose size the content was meant to have
   * @param actualSize the observed size, or -1 when reading stopped because the content ran past the
   *     expected size
   */
  public SizeMismatchException(Descriptor expected, long actualSize) {
    super("content for " + expected.digest() + " has " + (actualSize < 0 ? "more than " + expected.size() : actualSize)
        + " bytes, descriptor says " + expected.size());
    this.expected = expected;
    this.actualSize = actualSize;
  }

  /** The descriptor whose size the content was meant to have. */
  public Descriptor expected() {
    return expected;
  }

  /** The observed size, or -1 when reading stopped because the content ran past the expected size. */
  public long actualSize() {
    return actualSize;
  }
}
