package dev.berth.core.layout.internal;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.content.Contents;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** Reads blobs of a layout that turn out to be manifests or indexes, without trusting any media type. */
public final class ManifestBlobs {
  /** Enough to skip leading whitespace and see the opening brace of any real manifest. */
  private static final int HEAD = 256;

  private final BlobFiles blobs;

  public ManifestBlobs(BlobFiles blobs) {
    this.blobs = blobs;
  }

  /**
   * The blob as a verified manifest or index, or null when it is absent, larger than a manifest may be,
   * or not a manifest.
   *
   * @throws dev.berth.core.DigestMismatchException when the file does not hash to its name
   */
  public @Nullable EncodedManifest read(Digest digest) throws IOException {
    long size = blobs.size(digest);
    if (size < 0 || size > Contents.MAX_MANIFEST_BYTES) {
      return null;
    }
    byte[] bytes;
    InputStream raw = blobs.openRaw(digest);
    if (raw == null) {
      return null;
    }
    try (InputStream in = raw) {
      byte[] head = in.readNBytes(HEAD);
      if (!ManifestSniffer.mayBeJsonObject(head)) {
        return null;
      }
      // Read to the size seen above, plus one byte: a file that grew since is not read without end.
      byte[] rest = in.readNBytes((int) Contents.MAX_MANIFEST_BYTES + 1 - head.length);
      bytes = new byte[head.length + rest.length];
      System.arraycopy(head, 0, bytes, 0, head.length);
      System.arraycopy(rest, 0, bytes, head.length, rest.length);
    }
    if (bytes.length > Contents.MAX_MANIFEST_BYTES) {
      return null;
    }
    String mediaType = ManifestSniffer.mediaType(bytes);
    if (mediaType == null) {
      return null;
    }
    return EncodedManifest.verified(Descriptor.of(mediaType, digest, bytes.length), bytes);
  }
}
