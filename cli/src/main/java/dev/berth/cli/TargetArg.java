package dev.berth.cli;

import dev.berth.core.Digest;
import dev.berth.core.Reference;
import dev.berth.core.layout.LayoutReference;
import java.nio.file.Path;

/**
 * A command-line argument naming where content lives, parsed in this one place for every command:
 * {@code oci:PATH[:TAG][@DIGEST]} is a directory in OCI image layout; anything else is a registry
 * reference {@code HOST/NAME[:TAG][@DIGEST]}. Helm's {@code oci://HOST/NAME} spelling is accepted as
 * a registry reference, because people paste it from Helm's documentation.
 */
public sealed interface TargetArg permits TargetArg.Layout, TargetArg.Remote {
  /** The prefix that marks an OCI layout directory. */
  String LAYOUT_PREFIX = LayoutReference.PREFIX;

  /** Parses {@code text}; throws {@link IllegalArgumentException} naming the bad part. */
  static TargetArg parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty reference");
    }
    if (text.startsWith("oci://")) {
      return remote(text.substring("oci://".length()));
    }
    if (text.startsWith(LAYOUT_PREFIX)) {
      return Layout.parse(text.substring(LAYOUT_PREFIX.length()));
    }
    return remote(text);
  }

  private static Remote remote(String text) {
    String name = text.indexOf('@') >= 0 ? text.substring(0, text.indexOf('@')) : text;
    int colon = name.indexOf(':');
    String first = colon >= 0 ? name.substring(0, colon) : name;
    // Docker's rules read localhost:5000 as the Docker Hub image "localhost" at tag "5000"; here it is
    // nearly always a registry typed without its repository (berth tags localhost:5000).
    if (name.indexOf('/') < 0 && (first.equals("localhost") || first.indexOf('.') >= 0)) {
      throw new IllegalArgumentException(text + " names only a registry host; add the repository, as in "
          + name + "/NAME:TAG");
    }
    return new Remote(Reference.parse(text));
  }

  /** The tag or digest the argument names (the digest when both are given), or null for none. */
  String reference();

  /** The tag, or null. */
  String tag();

  /** The digest, or null. */
  Digest digest();

  /** The same place with another tag (null for none) and no digest. */
  TargetArg withTag(String tag);

  /** The repository as the user would type it, without tag or digest: for hints such as "berth tags X". */
  String repositoryText();

  /** The registry host, or null for a layout. */
  String host();

  /**
   * An OCI image layout directory.
   *
   * @param dir the directory (created on first write)
   * @param tag the tag, or null
   * @param digest the digest, or null
   */
  record Layout(Path dir, String tag, Digest digest) implements TargetArg {
    static Layout parse(String rest) {
      LayoutReference parsed = LayoutReference.parse(rest);
      return new Layout(parsed.dir(), parsed.tag(), parsed.digest());
    }

    @Override
    public String reference() {
      return digest != null ? digest.toString() : tag;
    }

    @Override
    public Layout withTag(String newTag) {
      return new Layout(dir, newTag, null);
    }

    @Override
    public String repositoryText() {
      return LAYOUT_PREFIX + dir;
    }

    @Override
    public String host() {
      return null;
    }

    @Override
    public String toString() {
      return repositoryText() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
  }

  /**
   * A repository in a registry.
   *
   * @param ref the parsed reference
   */
  record Remote(Reference ref) implements TargetArg {
    @Override
    public String reference() {
      return ref.reference();
    }

    @Override
    public String tag() {
      return ref.tag();
    }

    @Override
    public Digest digest() {
      return ref.digest();
    }

    @Override
    public Remote withTag(String newTag) {
      return new Remote(ref.withDigest(null).withTag(newTag));
    }

    @Override
    public String repositoryText() {
      return ref.name();
    }

    @Override
    public String host() {
      return ref.registry();
    }

    @Override
    public String toString() {
      return ref.toString();
    }
  }
}
