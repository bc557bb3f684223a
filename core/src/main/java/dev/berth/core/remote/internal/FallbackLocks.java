package dev.berth.core.remote.internal;

/**
 * Serialises the read-modify-write of referrers fallback indexes within one client: two referrers of
 * the same subject pushed in parallel (a copy with concurrency) would otherwise both read the old
 * index and the second PUT would drop the first one's entry. Other clients can still race, as with
 * every client of the tag schema; that is the schema's known limit.
 */
public final class FallbackLocks {
  /** Striped, so memory stays fixed whatever the number of subjects. */
  private static final int STRIPES = 64;

  private final Object[] locks = new Object[STRIPES];

  public FallbackLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new Object();
    }
  }

  /** The lock for one subject's fallback tag in one repository. */
  public Object lockFor(String host, String repository, String tag) {
    int h = (host + "/" + repository + ":" + tag).hashCode();
    return locks[Math.floorMod(h, STRIPES)];
  }
}
