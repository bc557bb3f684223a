package dev.berth.bench;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.NotFoundException;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A copy destination that keeps no bytes: what berth's pull looks like when the disk is taken out of
 * the measurement. Each pushed stream is read to its end, which is where the source's verified
 * stream checks size and digest, so a pull into it is a verified pull. Like any real destination it
 * knows what it already received, so content shared by many artifacts (the small artifacts' config)
 * is pulled once, as it would be into an OCI layout.
 */
final class DiscardTarget implements Target {
  private final Set<Digest> received = ConcurrentHashMap.newKeySet();

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    throw new NotFoundException("nothing is kept here: " + target.digest());
  }

  @Override
  public boolean exists(Descriptor target) {
    return received.contains(target.digest());
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    Drain.discard(content);
    received.add(expected.digest());
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    throw new NotFoundException("nothing is kept here: " + reference);
  }

  @Override
  public void tag(Descriptor target, String tag) {
    // Nothing is kept, so there is nothing to name.
  }
}
