package dev.berth.cli;

import dev.berth.core.Descriptor;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.ReferrerLister;
import dev.berth.core.content.Target;
import java.io.IOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth discover REF}: the tree of artifacts attached to a manifest. */
@Command(name = "discover", mixinStandardHelpOptions = true,
    description = {"Show the tree of artifacts that refer to REF (signatures, SBOMs, attachments).",
        "Each line is an artifact type and a digest. Uses the referrers API, or its tag fallback."})
final class DiscoverCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "REF", description = "HOST/NAME:TAG, HOST/NAME@DIGEST or oci:PATH:TAG.")
  String ref;

  @Option(names = "--artifact-type", paramLabel = "TYPE", description = "Only referrers of this type (first level).")
  String artifactType;

  @Option(names = "--depth", paramLabel = "N", defaultValue = "8",
      description = "How many levels to follow (default: ${DEFAULT-VALUE}).")
  int depth;

  @Override
  protected int run(Session session) throws Exception {
    TargetArg target = TargetArg.parse(ref);
    if (depth < 0) {
      throw new IllegalArgumentException("--depth must be 0 or more, not " + depth);
    }
    Target store = session.open(target, false);
    if (!(store instanceof ReferrerLister lister)) {
      throw new UnsupportedException(target.repositoryText() + " cannot list referrers");
    }
    Descriptor subject = store.resolve(Args.reference(target));
    session.console().result(target.repositoryText() + "@" + subject.digest());
    print(session.console(), lister, subject, artifactType, "", depth);
    return ExitCodes.OK;
  }

  private static void print(Console console, ReferrerLister lister, Descriptor subject, String type, String indent,
      int levels) throws IOException {
    if (levels <= 0) {
      return;
    }
    List<Descriptor> referrers = lister.referrers(subject, type);
    for (int i = 0; i < referrers.size(); i++) {
      Descriptor r = referrers.get(i);
      boolean last = i == referrers.size() - 1;
      String kind = r.artifactType() != null ? r.artifactType() : r.mediaType();
      console.result(indent + (last ? "└── " : "├── ") + kind + " " + r.digest());
      print(console, lister, r, null, indent + (last ? "    " : "│   "), levels - 1);
    }
  }
}
