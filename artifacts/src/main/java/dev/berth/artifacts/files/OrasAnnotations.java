package dev.berth.artifacts.files;

/** The layer annotations oras reads and writes for directories (oras-go {@code content/file}). */
public final class OrasAnnotations {
  private OrasAnnotations() {}

  /** The digest of a directory layer's uncompressed tar, checked after unpacking. */
  public static final String CONTENT_DIGEST = "io.deis.oras.content.digest";
  /** {@code "true"} on a tar+gzip layer that a pull unpacks into a directory named by its title. */
  public static final String CONTENT_UNPACK = "io.deis.oras.content.unpack";
}
