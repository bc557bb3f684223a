package dev.berth.core.remote.internal;

/** Reading {@code Content-Length} answers of HEAD requests. */
final class Sizes {
  private Sizes() {}

  /** Whether a HEAD's {@code Content-Length} agrees with {@code size}; an absent or odd header does not disagree. */
  static boolean matches(String contentLength, long size) {
    if (contentLength == null) {
      return true;
    }
    try {
      return Long.parseLong(contentLength.trim()) == size;
    } catch (NumberFormatException e) {
      return true;
    }
  }
}
