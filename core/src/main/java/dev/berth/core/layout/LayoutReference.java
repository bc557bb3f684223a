package dev.berth.core.layout;

import dev.berth.core.Digest;
import dev.berth.core.Reference;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A place in an OCI image layout as tools write it after {@code oci:}: {@code PATH[:TAG][@DIGEST]}, the
 * spelling of skopeo, oras and berth's command line. The one parser of it, so every front end (the CLI,
 * the Maven plugin) reads the same text the same way.
 *
 * @param dir the layout directory, as written (relative paths stay relative)
 * @param tag the tag (an index.json ref name), or null
 * @param digest the digest, or null
 */
public record LayoutReference(Path dir, @Nullable String tag, @Nullable Digest digest) {
  /** The prefix that marks a layout directory; {@code oci://} is Helm's spelling of a registry instead. */
  public static final String PREFIX = "oci:";

  /**
   * Parses what follows {@code oci:}. A {@code :} before the last {@code /} belongs to the path
   * ({@code oci:a:b/c} is the directory {@code a:b/c}); after it, it starts the tag, which follows the
   * distribution tag grammar ({@link Reference#checkTag}).
   *
   * @throws IllegalArgumentException naming the bad part: no directory, a bad tag, a bad digest
   */
  public static LayoutReference parse(String afterPrefix) {
    String rest = afterPrefix;
    Digest digest = null;
    int at = rest.lastIndexOf('@');
    if (at >= 0 && rest.indexOf(':', at) > at) {
      digest = Digest.parse(rest.substring(at + 1));
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0 && colon > rest.lastIndexOf('/')) {
      try {
        tag = Reference.checkTag(rest.substring(colon + 1));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(e.getMessage() + " in " + PREFIX + rest, e);
      }
      rest = rest.substring(0, colon);
    }
    if (rest.isEmpty()) {
      throw new IllegalArgumentException(PREFIX + " needs a directory, as in " + PREFIX + "./layout:v1");
    }
    return new LayoutReference(Path.of(rest), tag, digest);
  }

  /** The tag or digest named (the digest when both are), or null for none. */
  public @Nullable String reference() {
    return digest != null ? digest.toString() : tag;
  }

  /** {@code oci:PATH[:TAG][@DIGEST]}, as parsed. */
  @Override
  public String toString() {
    return PREFIX + dir + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
