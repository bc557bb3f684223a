package dev.berth.cli;

import dev.berth.core.Descriptor;
import dev.berth.core.Reference;
import dev.berth.core.content.Target;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth tag REF TAG...}: more names for a manifest. */
@Command(name = "tag", mixinStandardHelpOptions = true,
    description = "Point one or more tags at the manifest REF names; prints each new reference.")
final class TagCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "REF", description = "The manifest: HOST/NAME:TAG, HOST/NAME@DIGEST, oci:PATH:TAG.")
  String ref;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "TAG", description = "The new tags.")
  List<String> tags;

  @Override
  protected int run(Session session) throws Exception {
    TargetArg target = TargetArg.parse(ref);
    for (String tag : tags) {
      Reference.checkTag(tag); // all of them first: a bad third tag must not leave the first two set
    }
    Target store = session.open(target, true);
    Descriptor manifest = store.resolve(Args.reference(target));
    for (String tag : tags) {
      store.tag(manifest, tag);
      session.console().result(target.withTag(tag).toString());
    }
    return ExitCodes.OK;
  }
}
