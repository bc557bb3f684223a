package dev.berth.examples.cli;

import dev.berth.core.content.Deleter;
import dev.berth.core.content.TagLister;
import dev.berth.core.content.Target;
import dev.berth.core.UnsupportedException;
import java.util.regex.Pattern;

/** Checks shared by commands: that an argument names a manifest, that a store can do an optional thing. */
final class Args {
  private Args() {}

  /** The tag or digest of {@code target}; a usage error when it has neither. */
  static String reference(TargetArg target) {
    String ref = target.reference();
    if (ref == null) {
      throw new IllegalArgumentException(target + " names no tag or digest (add :TAG or @sha256:...)");
    }
    return ref;
  }

  /**
   * Checks that {@code target} names no digest: commands that write a manifest choose its digest by its
   * bytes, so only a tag can be given.
   *
   * @param what how the command names the argument ("push", "DST")
   * @param written what is written, whose digest it is ("the new manifest")
   */
  static void tagOnly(TargetArg target, String what, String written) {
    if (target.digest() != null) {
      throw new IllegalArgumentException(what + " takes a tag, not a digest: the digest is " + written + "'s");
    }
  }

  // RFC 6838 section 4.2 restricted-name, type "/" subtype, then optional "; name=value" parameters.
  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
  private static final Pattern MEDIA_TYPE = Pattern.compile(
      NAME + "/" + NAME + "(\\s*;\\s*" + NAME + "=(\"[^\"]*\"|[A-Za-z0-9!#$&^_.+-]+))*");

  /**
   * Checks a media type or artifact type from the command line: image-spec requires RFC 6838 syntax,
   * and a registry or a later reader may reject anything else only once it has been pushed.
   *
   * @param what the flag or argument it came from, for the error
   */
  static String mediaType(String value, String what) {
    if (value == null || !MEDIA_TYPE.matcher(value).matches()) {
      throw new IllegalArgumentException(what + " \"" + value + "\" is not a media type (TYPE/SUBTYPE, as in"
          + " application/vnd.example.sbom+json)");
    }
    return value;
  }

  static TagLister tagLister(Target store, TargetArg target) throws UnsupportedException {
    if (store instanceof TagLister lister) {
      return lister;
    }
    throw new UnsupportedException(target.repositoryText() + " cannot list tags");
  }

  static Deleter deleter(Target store, TargetArg target) throws UnsupportedException {
    if (store instanceof Deleter deleter) {
      return deleter;
    }
    throw new UnsupportedException(target.repositoryText() + " cannot delete content");
  }
}
