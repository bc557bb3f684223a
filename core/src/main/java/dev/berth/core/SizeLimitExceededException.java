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

  /**
   * @param what the thing being read, as the message should name it (e.g. {@code tag list of host/repo})
   * @param limit the cap it exceeded
   * @param unit what the cap counts, e.g. {@code entries}
   */
  public SizeLimitExceededException(String what, long limit, String unit) {
    super(what + " exceeds the limit of " + limit + " " + unit);
    this.limit = limit;
  }

  /** The cap that was exceeded (in bytes unless the message names another unit). */
  public long limit() {
    return limit;
  }
}
