package dev.berth.core.copy;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.content.MemoryStore;
import dev.berth.core.content.ReferrerLister;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A MemoryStore that counts fetches per digest and the most fetches ever in flight at once. */
final class ObservedTarget implements Target, ReferrerLister {
  final MemoryStore store = new MemoryStore();
  final Map<Digest, AtomicInteger> fetches = new ConcurrentHashMap<>();
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  /** Simulated transfer time of each fetch, so that transfers overlap as they do over a network. */
  volatile long fetchDelayMillis;
  /** Opens when the first fetch starts: a test can act while a copy is under way. */
  final CountDownLatch firstFetch = new CountDownLatch(1);

  int fetchCount(Descriptor d) {
    AtomicInteger n = fetches.get(d.digest());
    return n == null ? 0 : n.get();
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    fetches.computeIfAbsent(target.digest(), k -> new AtomicInteger()).incrementAndGet();
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    firstFetch.countDown();
    try {
      if (fetchDelayMillis > 0) {
        Thread.sleep(fetchDelayMillis);
      }
      return store.fetch(target);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException();
    } finally {
      inFlight.decrementAndGet();
    }
  }

  @Override
  public boolean exists(Descriptor target) {
    return store.exists(target);
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    store.push(expected, content);
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    return store.resolve(reference);
  }

  @Override
  public void tag(Descriptor target, String tag) throws IOException {
    store.tag(target, tag);
  }

  @Override
  public List<Descriptor> referrers(Descriptor subject, String artifactType) {
    return store.referrers(subject, artifactType);
  }
}
