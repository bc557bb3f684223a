package dev.berth.core.remote.internal;

import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The manifests a client pushed last, per repository, so that tagging one right after pushing it (what a
 * copy does) needs no GET to get its bytes back. Keyed by repository as well as digest: a manifest pushed
 * to one repository is not thereby in another. Bounded in count and size.
 */
public final class RecentManifests {
  private static final int MAX_ENTRIES = 64;
  /** Typical manifests are 0.5 to 10 KiB; big indexes are rare and not worth holding. */
  private static final int MAX_ENTRY_BYTES = 64 * 1024;

  private final Map<String, EncodedManifest> byKey = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, EncodedManifest> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** Records a manifest just stored in {@code host/repository}. */
  public synchronized void remember(String host, String repository, EncodedManifest m) {
    if (m.descriptor().size() <= MAX_ENTRY_BYTES) {
      byKey.put(key(host, repository, m.digest()), m);
    }
  }

  /** The manifest with this digest if recently stored in {@code host/repository}, else null. */
  public synchronized @Nullable EncodedManifest get(String host, String repository, Digest digest) {
    return byKey.get(key(host, repository, digest));
  }

  /** Forgets a manifest, e.g. after a delete. */
  public synchronized void forget(String host, String repository, Digest digest) {
    byKey.remove(key(host, repository, digest));
  }

  private static String key(String host, String repository, Digest digest) {
    return host + "/" + repository + "@" + digest;
  }
}
