package dev.berth.cli;

import dev.berth.core.content.Deleter;
import dev.berth.core.content.TagLister;
import dev.berth.core.content.Target;
import dev.berth.core.UnsupportedException;

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
