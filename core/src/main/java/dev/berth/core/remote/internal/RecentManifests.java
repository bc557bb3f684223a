package dev.berth.core.remote.internal;

import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The manifests a client pushed last, by digest, so that tagging one right after pushing it (what a copy
 * does) needs no GET to get its bytes back. Bytes are content-addressed, so one cache serves every
 * repository. Bounded in count and size.
 */
public final class RecentManifests {
  private static final int MAX_ENTRIES = 64;
  /** Typical manifests are 0.5 to 10 KiB; big indexes are rare and not worth holding. */
  private static final int MAX_ENTRY_BYTES = 64 * 1024;

  private final Map<Digest, EncodedManifest> byDigest = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Digest, EncodedManifest> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  public synchronized void remember(EncodedManifest m) {
    if (m.descriptor().size() <= MAX_ENTRY_BYTES) {
      byDigest.put(m.digest(), m);
    }
  }

  /** The manifest with this digest if pushed recently, else null. */
  public synchronized EncodedManifest get(Digest digest) {
    return byDigest.get(digest);
  }
}
