package dev.berth.core.layout.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.OciException;
import dev.berth.core.layout.GcResult;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Mark and sweep over a layout. Roots are the entries of index.json; a manifest keeps its children and
 * its referrers alive (a signature attached to a tagged image survives although nothing tags it).
 */
public final class GarbageCollector {
  private final BlobFiles blobs;
  private final IndexFile index;
  private final ManifestBlobs manifests;
  private final LayoutReferrers referrers;

  public GarbageCollector(BlobFiles blobs, IndexFile index, LayoutReferrers referrers) {
    this.blobs = blobs;
    this.index = index;
    this.manifests = new ManifestBlobs(blobs);
    this.referrers = referrers;
  }

  /** Deletes what no root reaches; the caller holds the layout lock. */
  public GcResult collect() throws IOException {
    Set<Digest> live = mark();
    List<Digest> deleted = new ArrayList<>();
    long freed = 0;
    for (Digest d : blobs.list()) {
      if (!live.contains(d)) {
        long size = blobs.size(d);
        if (blobs.delete(d)) {
          deleted.add(d);
          freed += Math.max(size, 0);
          referrers.onDeleted(d);
        }
      }
    }
    return new GcResult(deleted, freed, blobs.deleteAbandonedTempFiles());
  }

  private Set<Digest> mark() throws IOException {
    Set<Digest> live = new HashSet<>();
    Deque<Digest> todo = new ArrayDeque<>();
    index.entries().forEach(e -> todo.add(e.digest()));
    while (!todo.isEmpty()) {
      Digest d = todo.pop();
      if (!live.add(d)) {
        continue;
      }
      for (Descriptor child : children(d)) {
        todo.add(child.digest());
      }
      for (Descriptor r : referrers.list(d, null)) {
        todo.add(r.digest());
      }
    }
    return live;
  }

  private List<Descriptor> children(Digest d) throws IOException {
    try {
      EncodedManifest m = manifests.read(d);
      return m == null ? List.of() : m.children();
    } catch (OciException | IllegalArgumentException corrupt) {
      // Keep the corrupt blob itself (it is reachable) but do not guess at its children.
      return List.of();
    }
  }
}
