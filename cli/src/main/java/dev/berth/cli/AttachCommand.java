package dev.berth.cli;

import dev.berth.artifacts.referrers.Attach;
import dev.berth.core.Descriptor;
import dev.berth.core.MediaTypes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth attach REF FILE... --artifact-type T}: an artifact that refers to REF (image-spec 1.1 subject). */
@Command(name = "attach", mixinStandardHelpOptions = true,
    description = {"Attach files to REF as a new artifact (an SBOM, a signature); prints its digest.",
        "The artifact's subject is REF, so `berth discover REF` finds it."})
final class AttachCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "REF", description = "The subject: HOST/NAME:TAG, HOST/NAME@DIGEST or oci:PATH:TAG.")
  String ref;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE[:MEDIATYPE]", description = "Files to attach.")
  List<String> files;

  @Option(names = "--artifact-type", required = true, paramLabel = "TYPE",
      description = "The artifact's type, e.g. application/vnd.example.sbom+json.")
  String artifactType;

  @Option(names = {"-a", "--annotation"}, paramLabel = "KEY=VALUE", description = "A manifest annotation; repeatable.")
  Map<String, String> annotations = new LinkedHashMap<>();

  @Override
  protected int run(Session session) throws Exception {
    TargetArg target = TargetArg.parse(ref);
    String subject = Args.reference(target);
    Attach.Builder attach = Attach.builder(MediaTypes.check(artifactType, "--artifact-type")).annotations(annotations);
    for (String spec : files) {
      PushCommand.FileSpec f = PushCommand.FileSpec.parse(spec);
      LocalPaths.inputFile(f.path());
      if (f.mediaType() == null) {
        attach.file(f.path());
      } else {
        attach.file(f.path(), f.mediaType());
      }
    }
    Descriptor artifact = attach.build().attach(session.open(target, true), subject);
    session.console().result(artifact.digest().toString());
    return ExitCodes.OK;
  }
}
