package dev.berth.core.remote.internal;

import dev.berth.core.SizeLimitExceededException;

/**
 * The total a server may send for one listing (all pages of a tag list, catalog or referrers list
 * together): entries and bytes. Per-page caps alone let an endless {@code Link} chain grow without end.
 * Not thread-safe: one per listing.
 */
public final class ListBudget {
  private final long maxEntries;
  private final long maxBytes;
  private final String what;
  private long entries;
  private long bytes;

  /**
   * @param limits the client's caps
   * @param what the listing, as messages name it
   */
  public ListBudget(ListLimits limits, String what) {
    this.maxEntries = limits.maxEntries();
    this.maxBytes = limits.maxBytes();
    this.what = what;
  }

  /** Counts a page's body; throws once the listing's bytes exceed the cap. */
  public void bytes(long n) throws SizeLimitExceededException {
    bytes += n;
    if (bytes > maxBytes) {
      throw new SizeLimitExceededException(what + " (all pages together)", maxBytes, "bytes");
    }
  }

  /** Counts a page's entries; throws once the listing's entries exceed the cap. */
  public void entries(long n) throws SizeLimitExceededException {
    entries += n;
    if (entries > maxEntries) {
      throw new SizeLimitExceededException(what, maxEntries, "entries");
    }
  }
}
