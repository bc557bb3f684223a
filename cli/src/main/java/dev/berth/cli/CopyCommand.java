package dev.berth.cli;

import dev.berth.core.Descriptor;
import dev.berth.core.Platform;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.copy.Copier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth cp SRC DST}: copy a whole graph between any two stores. */
@Command(name = "cp", mixinStandardHelpOptions = true,
    description = {"Copy an image, index or artifact with everything it references; prints its digest.",
        "Registry to registry, registry to OCI layout, layout to registry; blobs already at DST are skipped."})
final class CopyCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "SRC", description = "HOST/NAME:TAG, HOST/NAME@DIGEST or oci:PATH:TAG.")
  String src;

  @Parameters(index = "1", paramLabel = "DST", description = "HOST/NAME[:TAG] or oci:PATH[:TAG] (default: SRC's tag).")
  String dst;

  @Option(names = {"-r", "--recursive"}, description = "Also copy the referrers (signatures, SBOMs, attachments).")
  boolean referrers;

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "From a multi-platform index, copy only this platform's image (and tag it at DST).")
  String platform;

  @Mixin ConcurrencyOption concurrency;

  @Override
  protected int run(Session session) throws Exception {
    SourceAndDestination ends = SourceAndDestination.parse(src, dst, "DST", "the copied content");
    CopyOptions.Builder options = concurrency.apply(session, CopyOptions.builder());
    SourceAndDestination.Stores stores = ends.open(session);
    ProgressBars bars = session.showProgress("copy");
    options.includeReferrers(referrers)
        .listener(new TransferListener(bars, session.console()));
    if (platform != null) {
      options.platform(Platform.parse(platform));
    }
    Descriptor root = Copier.copy(stores.source(), ends.sourceReference(), stores.destination(),
        ends.destination().tag(), options.build());
    bars.finish();
    session.console().result(root.digest().toString());
    return ExitCodes.OK;
  }
}
