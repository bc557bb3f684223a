package dev.berth.cli;

import dev.berth.core.Reference;
import dev.berth.core.content.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code berth tags REPO}: the tags of a repository or layout, one per line. */
@Command(name = "tags", mixinStandardHelpOptions = true,
    description = "List the tags of a repository or OCI layout, one per line on stdout.")
final class TagsCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "REPO", description = "HOST/NAME or oci:PATH (a tag, if given, is ignored).")
  String repo;

  @Override
  protected int run(Session session) throws Exception {
    TargetArg target = TargetArg.parse(repo);
    Target store = session.open(target, false);
    // "list the tags with berth tags X" is no help when listing the tags is what failed.
    session.workingOnRegistry(target.host());
    // Printed as the pages arrive: memory holds one page, whatever the registry lists (the client's
    // total caps end an endless listing with an error after what was printed).
    Args.tagLister(store, target).tags(page -> {
      for (String tag : page) {
        if (isTag(tag)) {
          session.console().result(tag);
        } else {
          // A name such as "v2\nlatest" would print a tag that does not exist; report it, escaped, instead.
          session.console().note("warning: " + target.repositoryText() + " listed \"" + tag
              + "\", which is not a valid tag; left out");
        }
      }
      return true;
    });
    return ExitCodes.OK;
  }

  private static boolean isTag(String name) {
    try {
      Reference.checkTag(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
