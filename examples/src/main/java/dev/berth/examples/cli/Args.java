package dev.berth.examples.cli;

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
