package dev.berth.cli;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.PulledFiles;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth pull REF [-o DIR]}: the files of an artifact, the way oras pulls them. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = {"Pull an artifact's files into a directory; prints the manifest digest.",
        "Compatible with oras: titled layers become files, directory layers are unpacked. All or nothing:"
            + " on any failure the directory is left as it was."})
final class PullCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "REF", description = "HOST/NAME:TAG, HOST/NAME@DIGEST or oci:PATH:TAG.")
  String ref;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", defaultValue = ".",
      description = "Where to write the files (default: the current directory).")
  Path output;

  @Option(names = "--overwrite", description = "Replace files that already exist (default: refuse, write nothing).")
  boolean overwrite;

  @Override
  protected int run(Session session) throws Exception {
    TargetArg target = TargetArg.parse(ref);
    LocalPaths.outputDirectory(output);
    ProgressBars bars = session.showProgress("pull");
    PulledFiles pulled = FileArtifacts.pull(session.open(target, false), Args.reference(target), output,
        FilePullOptions.builder().overwrite(overwrite).build());
    bars.finish();
    for (PulledFiles.PulledFile f : pulled.files()) {
      session.console().note((f.unpacked() ? "unpacked " : "wrote ") + f.path());
    }
    if (!pulled.skipped().isEmpty()) {
      session.console().note("skipped " + pulled.skipped().size() + " layer(s) without a title");
    }
    session.console().result(pulled.manifest().digest().toString());
    return ExitCodes.OK;
  }
}
