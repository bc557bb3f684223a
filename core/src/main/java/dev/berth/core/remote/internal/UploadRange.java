package dev.berth.core.remote.internal;

/**
 * Parses the {@code Range} header of an upload status (distribution-spec end-13, "Resuming an upload"):
 * {@code 0-<last byte received>}. ghcr.io and others prefix it with {@code bytes=}. {@code 0-0} is
 * ambiguous: distribution sends it both for nothing received and for one byte received.
 *
 * @param received bytes the registry holds (for {@code 0-0}, the smaller reading: 0)
 * @param ambiguous whether the header was {@code 0-0}, so one byte is possible too
 */
public record UploadRange(long received, boolean ambiguous) {
  /** Parses a {@code Range} value; null or unparseable means nothing is known to be received. */
  public static UploadRange parse(String header) {
    if (header == null || header.isBlank()) {
      return new UploadRange(0, false);
    }
    String v = header.trim();
    if (v.regionMatches(true, 0, "bytes=", 0, 6)) {
      v = v.substring(6).trim();
    } else if (v.regionMatches(true, 0, "bytes ", 0, 6)) {
      v = v.substring(6).trim();
    }
    int dash = v.indexOf('-');
    if (dash <= 0) {
      return new UploadRange(0, false);
    }
    try {
      long start = Long.parseLong(v.substring(0, dash).trim());
      long end = Long.parseLong(v.substring(dash + 1).trim());
      if (start != 0 || end < 0 || end == Long.MAX_VALUE) { // at MAX_VALUE, end + 1 would be negative
        return new UploadRange(0, false);
      }
      if (end == 0) {
        return new UploadRange(0, true);
      }
      return new UploadRange(end + 1, false);
    } catch (NumberFormatException e) {
      return new UploadRange(0, false);
    }
  }
}
