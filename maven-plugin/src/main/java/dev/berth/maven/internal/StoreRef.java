package dev.berth.maven.internal;

import dev.berth.core.Digest;
import dev.berth.core.Reference;
import dev.berth.core.content.Target;
import dev.berth.core.layout.LayoutReference;
import dev.berth.core.layout.OciLayout;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a goal reads or writes: a registry reference ({@code ghcr.io/owner/app:1.0}) or an OCI image
 * layout directory ({@code oci:target/layout:1.0}, relative to the project), as the CLI writes them.
 *
 * @param remote the registry reference, or null for a layout
 * @param layoutDir the layout directory, or null for a registry
 * @param tag the tag, or null
 * @param digest the digest, or null
 * @param text the text the user wrote, for messages
 */
public record StoreRef(Reference remote, Path layoutDir, String tag, Digest digest, String text) {
  /**
   * Parses {@code text}; {@code oci:} paths are resolved against {@code baseDir}.
   *
   * @param what the parameter's name, for the message when the text is wrong
   * @throws IllegalArgumentException naming the parameter and what is wrong
   */
  public static StoreRef parse(String text, Path baseDir, String what) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("<" + what + "> is not set");
    }
    String t = text.trim();
    try {
      // oci://HOST/NS is Helm's way to name a registry; only oci:PATH (no "//") is a layout.
      if (t.startsWith("oci://") || !t.startsWith("oci:")) {
        Reference ref = Reference.parse(t.startsWith("oci://") ? t.substring("oci://".length()) : t);
        return new StoreRef(ref, null, ref.tag(), ref.digest(), t);
      }
      LayoutReference layout = LayoutReference.parse(t.substring(LayoutReference.PREFIX.length()));
      return new StoreRef(null, baseDir.resolve(layout.dir()).normalize(), layout.tag(), layout.digest(), t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("<" + what + "> " + t + ": " + e.getMessage(), e);
    }
  }

  /** The registry host, or null for a layout. */
  public String host() {
    return remote == null ? null : remote.registry();
  }

  /** The tag or digest to read, or null when neither was given. */
  public String reference() {
    return digest != null ? digest.toString() : tag;
  }

  /** This store with {@code newTag} (for a chart repository, whose version is its tag). */
  public StoreRef withTag(String newTag) {
    return remote != null
        ? new StoreRef(remote.withTag(newTag), null, newTag, null, remote.withTag(newTag).toString())
        : new StoreRef(null, layoutDir, newTag, null, "oci:" + layoutDir + ":" + newTag);
  }

  /**
   * Opens the store: the repository through {@code client}, or the layout (created when writing).
   *
   * @throws java.nio.file.NoSuchFileException when reading a layout that does not exist
   */
  public Target open(RegistryClient client, boolean writing) throws IOException {
    if (remote != null) {
      return client.repository(remote);
    }
    if (!writing && !Files.isDirectory(layoutDir)) {
      throw new java.nio.file.NoSuchFileException(layoutDir.toString(), null, "no OCI layout here");
    }
    return OciLayout.open(layoutDir);
  }

  @Override
  public String toString() {
    return text;
  }
}
