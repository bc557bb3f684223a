package dev.berth.bench;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;

/**
 * A blob of the data set as the children see it: plain strings, so that every client (berth and its
 * peers alike) starts from the same facts and converts them into its own types.
 */
record BlobRef(String mediaType, String digest, long size) {
  static BlobRef of(Descriptor d) {
    return new BlobRef(d.mediaType(), d.digest().toString(), d.size());
  }

  Descriptor descriptor() {
    return Descriptor.of(mediaType, Digest.parse(digest), size);
  }

  /** The hex part of the digest (the file name in an OCI layout). */
  String hex() {
    return digest.substring(digest.indexOf(':') + 1);
  }

  String algorithm() {
    return digest.substring(0, digest.indexOf(':'));
  }
}
