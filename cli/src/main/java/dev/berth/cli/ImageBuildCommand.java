package dev.berth.cli;

import dev.berth.artifacts.image.BakedImage;
import dev.berth.artifacts.image.Dockerfile;
import dev.berth.artifacts.image.DockerfileBuild;
import dev.berth.core.Platform;
import dev.berth.core.copy.CopyOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image build}: a Dockerfile without RUN, built without a container runtime. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = {"Build a Dockerfile into TARGET without a container runtime; prints the new manifest's"
        + " (or index's) digest.",
        "FROM, COPY, ADD (local files; tars unpack), ENV, ARG, LABEL, WORKDIR, USER, EXPOSE, VOLUME,"
            + " STOPSIGNAL, SHELL, HEALTHCHECK, ENTRYPOINT and CMD work as in Docker; RUN is refused:"
            + " prepare those files on the host (e.g. pip install --target DIR) and COPY them."
            + " The same Dockerfile and context give the same digest."})
final class ImageBuildCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "CONTEXT", description = "The build context directory.")
  Path context;

  @Parameters(index = "1", paramLabel = "TARGET", description = "Where the image goes: HOST/NAME:TAG or oci:PATH:TAG.")
  String target;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "The Dockerfile (default: CONTEXT/Dockerfile, else CONTEXT/Containerfile).")
  Path file;

  @Option(names = "--build-arg", paramLabel = "NAME=VALUE", description = "A value for an ARG; repeatable.")
  Map<String, String> buildArgs = new LinkedHashMap<>();

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "A platform to build when FROM is a multi-platform index (default: all); repeatable.")
  List<String> platforms = new ArrayList<>();

  @Mixin ConcurrencyOption concurrency;

  @Override
  protected int run(Session session) throws Exception {
    LocalPaths.inputFileOrDirectory(context);
    if (!Files.isDirectory(context)) {
      throw new IllegalArgumentException("CONTEXT " + context + " is not a directory");
    }
    Path dockerfile = file != null ? LocalPaths.inputFile(file) : defaultDockerfile();
    DockerfileBuild.Builder builder = DockerfileBuild.builder(Dockerfile.parse(Files.readString(dockerfile)), context);
    buildArgs.forEach(builder::buildArg);
    for (String p : platforms) {
      builder.platform(Platform.parse(p));
    }
    CopyOptions.Builder copy = concurrency.apply(session, CopyOptions.builder());
    Console console = session.console();
    ProgressBars bars = new ProgressBars(console, "push");
    CopiedNodesProgress progress = new CopiedNodesProgress(bars);
    builder.copyOptions(copy.listener(progress.announcing(new TransferListener(bars, console))).build());
    // Checks the Dockerfile (RUN, flags, .dockerignore) before any network traffic.
    DockerfileBuild build = builder.build();
    SourceAndDestination ends = SourceAndDestination.parse(build.baseReference(), target, "TARGET", "the new image");
    if (ends.source() instanceof TargetArg.Remote f && ends.destination() instanceof TargetArg.Remote t
        && f.host().equals(t.host())) {
      builder.mountFrom(f.ref().repository());
    }
    builder.baseName(ends.source().toString());
    build = builder.build();
    session.progress(progress);
    SourceAndDestination.Stores stores = ends.open(session);
    BakedImage image = build.build(stores.source(), ends.sourceReference(), stores.destination(),
        ends.destination().tag());
    bars.finish();
    console.result(image.manifest().digest().toString());
    return ExitCodes.OK;
  }

  private Path defaultDockerfile() throws Exception {
    for (String name : List.of("Dockerfile", "Containerfile")) {
      Path p = context.resolve(name);
      if (Files.isRegularFile(p)) {
        return p;
      }
    }
    throw new IllegalArgumentException("no Dockerfile or Containerfile in " + context + "; name one with -f");
  }
}
