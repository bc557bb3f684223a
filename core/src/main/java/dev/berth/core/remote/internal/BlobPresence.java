package dev.berth.core.remote.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remembers which blobs a client has just seen present or absent in which repository, so that a push
 * right after {@code exists} (what a copy does) costs no second HEAD. Bounded; an answer of "absent" is
 * used once, because someone else may upload the blob meanwhile, which at worst costs one upload.
 */
public final class BlobPresence {
  /** Enough for the layers of many images; each entry is about 200 bytes. */
  private static final int MAX_ENTRIES = 10_000;

  /** The value of a blob seen absent; a present blob's value is its size. */
  private static final long ABSENT = -1;

  private final Map<String, Long> known = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_ENTRIES;
    }
  };

  /** Records the answer of a HEAD or an upload about {@code blob}. */
  public synchronized void record(String host, String repository, Descriptor blob, boolean present) {
    known.put(key(host, repository, blob.digest()), present ? blob.size() : ABSENT);
  }

  /** What is known: TRUE present, FALSE absent (forgotten by this call), null unknown. */
  public synchronized @Nullable Boolean take(String host, String repository, Digest digest) {
    String key = key(host, repository, digest);
    Long v = known.get(key);
    if (v == null) {
      return null;
    }
    if (v == ABSENT) {
      known.remove(key);
      return Boolean.FALSE;
    }
    return Boolean.TRUE;
  }

  /** Whether {@code blob} is known present with its size (this does not use up an answer of "absent"). */
  public synchronized boolean knownPresent(String host, String repository, Descriptor blob) {
    Long size = known.get(key(host, repository, blob.digest()));
    return size != null && size == blob.size();
  }

  /** Forgets a blob, e.g. after a delete. */
  public synchronized void forget(String host, String repository, Digest digest) {
    known.remove(key(host, repository, digest));
  }

  private static String key(String host, String repository, Digest digest) {
    return host + "/" + repository + "@" + digest;
  }
}
