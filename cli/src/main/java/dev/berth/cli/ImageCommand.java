package dev.berth.cli;

import dev.berth.artifacts.image.BakedImage;
import dev.berth.artifacts.image.ImageBaker;
import dev.berth.artifacts.image.LayerSource;
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

/** {@code berth image append}: bake files into a new image on top of a base, without a container runtime. */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Work with container images.",
    subcommands = {ImageCommand.Append.class})
final class ImageCommand {

  @Command(name = "append", mixinStandardHelpOptions = true,
      description = {"Bake files into a new image on top of BASE; prints the new manifest's digest.",
          "TARGET gets BASE's layers plus one layer per --layer, and BASE's config updated (diff_ids,"
              + " history, and any --env/--label/--entrypoint/--cmd). A directory becomes a reproducible"
              + " layer, so the same inputs give the same digest. No container runtime is needed."})
  static final class Append extends BerthCommand {
    @Parameters(index = "0", paramLabel = "BASE", description = "The base image: HOST/NAME:TAG or oci:PATH:TAG.")
    String base;

    @Parameters(index = "1", paramLabel = "TARGET", description = "Where the new image goes: HOST/NAME:TAG or oci:PATH:TAG.")
    String target;

    @Option(names = "--layer", required = true, paramLabel = "DIR|TAR",
        description = "A directory or a tar (or tar.gz) file to add as a layer; repeatable, in order.")
    List<Path> layers = new ArrayList<>();

    @Option(names = "--dest", paramLabel = "IMAGE-PATH", defaultValue = "/",
        description = "Where directory layers land in the image (default: ${DEFAULT-VALUE}).")
    String dest;

    @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
        description = "The platform to build on when BASE is a multi-platform index.")
    String platform;

    @Option(names = "--env", paramLabel = "NAME=VALUE", description = "Set an environment variable; repeatable.")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set an image label; repeatable.")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--entrypoint", paramLabel = "ARG", description = "The entrypoint, one argument per use.")
    List<String> entrypoint;

    @Option(names = "--cmd", paramLabel = "ARG", description = "The default command, one argument per use.")
    List<String> cmd;

    @Mixin ConcurrencyOption concurrency;

    @Override
    protected int run(Session session) throws Exception {
      SourceAndDestination ends = SourceAndDestination.parse(base, target, "TARGET", "the new image");
      TargetArg from = ends.source();
      TargetArg to = ends.destination();
      ImageBaker.Builder baker = ImageBaker.builder().labels(labels).baseName(from.toString());
      for (Path layer : layers) {
        LocalPaths.inputFileOrDirectory(layer);
        baker.layer(Files.isDirectory(layer) ? LayerSource.directory(layer, dest) : LayerSource.tar(layer));
      }
      env.forEach(baker::env);
      if (entrypoint != null) {
        baker.entrypoint(entrypoint);
      }
      if (cmd != null) {
        baker.cmd(cmd);
      }
      if (platform != null) {
        baker.platform(Platform.parse(platform));
      }
      // Base and target on one registry: let it mount the base's layers instead of copying them.
      if (from instanceof TargetArg.Remote f && to instanceof TargetArg.Remote t && f.host().equals(t.host())) {
        baker.mountFrom(f.ref().repository());
      }
      CopyOptions.Builder copy = concurrency.apply(session, CopyOptions.builder());
      Console console = session.console();
      ProgressBars bars = session.showProgress("push");
      baker.copyOptions(copy.listener(new TransferListener(bars, console)).build());
      SourceAndDestination.Stores stores = ends.open(session);
      BakedImage image = baker.build().bake(stores.source(), ends.sourceReference(), stores.destination(), to.tag());
      bars.finish();
      session.console().result(image.manifest().digest().toString());
      return ExitCodes.OK;
    }
  }
}
