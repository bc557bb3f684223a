package dev.berth.cli;

import dev.berth.core.content.Target;
import java.io.IOException;

/**
 * SRC and DST of the commands that read content in one place and write it to another ({@code cp},
 * {@code image append}): SRC must name a manifest, DST may name only a tag, since the written content's
 * digest is not the user's to choose.
 *
 * @param source where the content is read
 * @param sourceReference the tag or digest {@code source} names
 * @param destination where it is written
 */
record SourceAndDestination(TargetArg source, String sourceReference, TargetArg destination) {
  /** The two stores, opened. */
  record Stores(Target source, Target destination) {}

  /**
   * Parses and checks both arguments.
   *
   * @param dstLabel how the command's help names DST (for the error)
   * @param written what is written there, whose digest DST may not name ("the new image")
   */
  static SourceAndDestination parse(String src, String dst, String dstLabel, String written) {
    TargetArg from = TargetArg.parse(src);
    TargetArg to = TargetArg.parse(dst);
    String reference = Args.reference(from);
    Args.tagOnly(to, dstLabel, written);
    return new SourceAndDestination(from, reference, to);
  }

  /** Opens DST for writing, then SRC for reading: last, so that failure hints (an unknown tag above all) are about SRC. */
  Stores open(Session session) throws IOException {
    Target to = session.open(destination, true);
    Target from = session.open(source, false);
    return new Stores(from, to);
  }
}
