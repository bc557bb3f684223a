package dev.berth.core.layout.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.OciException;
import dev.berth.core.content.internal.ReferrerInfo;
import dev.berth.core.content.internal.ReferrerMap;
import java.io.IOException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The predecessor map of a layout: which manifests name which subject. A layout has no referrers index,
 * so the first question scans every blob that could be a manifest; after that, pushes and deletes made
 * through this process keep the map current. Changes made by other processes are seen after reopening.
 */
public final class LayoutReferrers {
  private final BlobFiles blobs;
  private final ManifestBlobs manifests;
  private final ReferrerMap map = new ReferrerMap();
  private volatile boolean scanned;

  public LayoutReferrers(BlobFiles blobs) {
    this.blobs = blobs;
    this.manifests = new ManifestBlobs(blobs);
  }

  /** Records a manifest just pushed (recorded even before the first scan; the scan adds the rest). */
  public void onPushed(EncodedManifest m) {
    ReferrerInfo info = ReferrerInfo.of(m);
    if (info != null) {
      map.add(info);
    }
  }

  /** Forgets a deleted blob. */
  public void onDeleted(Digest d) {
    map.remove(d);
  }

  /** Whether the one-time scan has run. */
  public boolean scanned() {
    return scanned;
  }

  /** The referrers of {@code subject}, scanning first if that has not happened yet. */
  public List<Descriptor> list(Digest subject, @Nullable String artifactType) throws IOException {
    ensureScanned();
    return map.list(subject, artifactType);
  }

  /** Scans the blobs once; callers hold the layout lock so that no delete races the scan. */
  public synchronized void ensureScanned() throws IOException {
    if (scanned) {
      return;
    }
    for (Digest d : blobs.list()) {
      EncodedManifest m;
      try {
        m = manifests.read(d);
      } catch (OciException | IllegalArgumentException corruptOrOdd) {
        continue; // a broken blob refers to nothing; fetching it reports the corruption
      }
      if (m != null) {
        onPushed(m);
      }
    }
    scanned = true;
  }
}
