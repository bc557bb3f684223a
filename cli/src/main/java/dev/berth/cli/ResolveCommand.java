package dev.berth.cli;

import dev.berth.core.Descriptor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth resolve REF}: the digest a tag points at. */
@Command(name = "resolve", mixinStandardHelpOptions = true,
    description = "Print the digest of the manifest or index REF names.")
final class ResolveCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "REF", description = "HOST/NAME:TAG, HOST/NAME@DIGEST or oci:PATH:TAG.")
  String ref;

  @Option(names = "--descriptor", description = "Print media type, digest and size instead of the digest alone.")
  boolean full;

  @Override
  protected int run(Session session) throws Exception {
    TargetArg target = TargetArg.parse(ref);
    Descriptor d = session.open(target, false).resolve(Args.reference(target));
    session.console().result(full ? d.mediaType() + " " + d.digest() + " " + d.size() : d.digest().toString());
    return ExitCodes.OK;
  }
}
