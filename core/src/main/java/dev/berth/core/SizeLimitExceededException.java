package dev.berth.core;

/** Something berth reads into memory (a manifest, an error body, a token answer) exceeded its cap. */
public class SizeLimitExceededException extends OciException {
  private final long limit;

  public SizeLimitExceededException(String what, long limit) {
    super(what + " exceeds the limit of " + limit + " bytes");
    this.limit = limit;
  }

  public long limit() {
    return limit;
  }
}
