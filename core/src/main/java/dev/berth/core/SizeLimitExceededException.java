package dev.berth.core;

/** Something berth reads into memory (a manifest, an error body, a token answer) exceeded its cap. */
public class SizeLimitExceededException extends OciException {
  /** The cap, in bytes. */
  private final long limit;

  /**
   * @param what the thing being read, as the message should name it (e.g. {@code manifest sha256:...})
   * @param limit the cap it exceeded, in bytes
   */
  public SizeLimitExceededException(String what, long limit) {
    super(what + " exceeds the limit of " + limit + " bytes");
    this.limit = limit;
  }

  /** The cap that was exceeded, in bytes. */
  public long limit() {
    return limit;
  }
}
