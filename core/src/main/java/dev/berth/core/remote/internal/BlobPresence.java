package dev.berth.core.remote.internal;

import dev.berth.core.Digest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which blobs a client has just seen present or absent in which repository, so that a push
 * right after {@code exists} (what a copy does) costs no second HEAD. Bounded; an answer of "absent" is
 * used once, because someone else may upload the blob meanwhile, which at worst costs one upload.
 */
public final class BlobPresence {
  /** Enough for the layers of many images; each entry is about 200 bytes. */
  private static final int MAX_ENTRIES = 10_000;

  private final Map<String, Boolean> known = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** Records the answer of a HEAD or an upload. */
  public synchronized void record(String host, String repository, Digest digest, boolean present) {
    known.put(key(host, repository, digest), present);
  }

  /** What is known: TRUE present, FALSE absent (forgotten by this call), null unknown. */
  public synchronized Boolean take(String host, String repository, Digest digest) {
    String key = key(host, repository, digest);
    Boolean v = known.get(key);
    if (Boolean.FALSE.equals(v)) {
      known.remove(key);
    }
    return v;
  }

  /** Whether the blob is known present (this does not use up an answer of "absent"). */
  public synchronized boolean knownPresent(String host, String repository, Digest digest) {
    return Boolean.TRUE.equals(known.get(key(host, repository, digest)));
  }

  /** Forgets a blob, e.g. after a delete. */
  public synchronized void forget(String host, String repository, Digest digest) {
    known.remove(key(host, repository, digest));
  }

  private static String key(String host, String repository, Digest digest) {
    return host + "/" + repository + "@" + digest;
  }
}
