package dev.berth.artifacts.testing;

import dev.berth.core.Descriptor;
import dev.berth.core.MediaTypes;
import dev.berth.core.content.ReadOnlyTarget;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

/** A source that counts the blobs (not manifests) fetched from it: shows what was downloaded. */
public final class CountingSource implements ReadOnlyTarget {
  private final ReadOnlyTarget source;
  private final AtomicInteger blobFetches = new AtomicInteger();

  public CountingSource(ReadOnlyTarget source) {
    this.source = source;
  }

  /** Blobs fetched so far, config blobs included. */
  public int blobFetches() {
    return blobFetches.get();
  }

  @Override
  public InputStream fetch(Descriptor target) throws IOException {
    if (!MediaTypes.isManifestOrIndex(target.mediaType())) {
      blobFetches.incrementAndGet();
    }
    return source.fetch(target);
  }

  @Override
  public boolean exists(Descriptor target) throws IOException {
    return source.exists(target);
  }

  @Override
  public Descriptor resolve(String reference) throws IOException {
    return source.resolve(reference);
  }
}
