package dev.berth.examples.bench;

import dev.berth.core.Descriptor;
import dev.berth.core.NotFoundException;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.io.InputStream;

/**
 * A copy destination that keeps nothing: what berth's pull looks like when the disk is taken out of
 * the measurement. Each pushed stream is read to its end, which is where the source's verified
 * stream checks size and digest, so a pull into it is a verified pull.
 */
final class DiscardTarget implements Target {
  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    throw new NotFoundException("nothing is kept here: " + target.digest());
  }

  @Override
  public boolean exists(Descriptor target) {
    return false;
  }

  @Override
  public void push(Descriptor expected, InputStream content) throws IOException {
    Drain.discard(content);
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
