package dev.berth.cli;

import dev.berth.artifacts.image.BakedImage;
import dev.berth.artifacts.image.Healthcheck;
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
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code berth image append}: bake files into a new image on top of a base, without a container runtime. */
@Command(name = "append", mixinStandardHelpOptions = true,
    description = {"Bake files into a new image on top of BASE; prints the new manifest's (or index's) digest.",
        "TARGET gets BASE's layers plus one layer per --layer, and BASE's config updated (diff_ids,"
            + " history, and the options below, as the Dockerfile instructions of the same names do)."
            + " A directory becomes a reproducible layer, so the same inputs give the same digest."
            + " A multi-platform BASE gives a multi-platform image (every platform, or those named with"
            + " --platform). No container runtime is needed."})
final class ImageAppendCommand extends BerthCommand {
  @Parameters(index = "0", paramLabel = "BASE", description = "The base image: HOST/NAME:TAG or oci:PATH:TAG.")
  String base;

  @Parameters(index = "1", paramLabel = "TARGET", description = "Where the new image goes: HOST/NAME:TAG or oci:PATH:TAG.")
  String target;

  /** A --layer with the --chown and --chmod given next to it. */
  static final class LayerArg {
    @Option(names = "--layer", required = true, paramLabel = "DIR|TAR[:/PATH]",
        description = {"A directory or a tar (or tar.gz) file to add as a layer; repeatable, in order.",
            "A directory's contents land at PATH (default: --dest); a tar is added as it is."})
    String text;

    @Option(names = "--chown", paramLabel = "UID:GID",
        description = "Owner of the files of the --layer directory next to it (default 0:0).")
    String chown;

    @Option(names = "--chmod", paramLabel = "MODE",
        description = "Octal mode of the files and directories of the --layer directory next to it.")
    String chmod;
  }

  @ArgGroup(exclusive = false, multiplicity = "0..*")
  List<LayerArg> layers = new ArrayList<>();

  @Option(names = "--dest", paramLabel = "IMAGE-PATH", defaultValue = "/",
      description = "Where directory layers without their own :/PATH land in the image (default: ${DEFAULT-VALUE}).")
  String dest;

  @Option(names = "--remove", paramLabel = "IMAGE-PATH",
      description = "Remove a file or directory of BASE (a whiteout, in a layer before the new ones); repeatable.")
  List<String> removals = new ArrayList<>();

  @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]",
      description = "A platform to build on when BASE is a multi-platform index (default: all); repeatable.")
  List<String> platforms = new ArrayList<>();

  @Option(names = "--env", paramLabel = "NAME=VALUE",
      description = "Set an environment variable; $VAR and $${VAR} are BASE's values (as in Dockerfile ENV); repeatable.")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set an image label; repeatable.")
  Map<String, String> labels = new LinkedHashMap<>();

  @Option(names = "--entrypoint", paramLabel = "ARG", description = "The entrypoint, one argument per use.")
  List<String> entrypoint;

  @Option(names = "--cmd", paramLabel = "ARG", description = "The default command, one argument per use.")
  List<String> cmd;

  @Option(names = "--workdir", paramLabel = "PATH", description = "The working directory (absolute).")
  String workdir;

  @Option(names = "--user", paramLabel = "USER[:GROUP]", description = "The user the process runs as.")
  String user;

  @Option(names = "--expose", paramLabel = "PORT[/PROTO]", description = "A port the image listens on; repeatable.")
  List<String> expose = new ArrayList<>();

  @Option(names = "--volume", paramLabel = "PATH", description = "A volume path; repeatable.")
  List<String> volumes = new ArrayList<>();

  @Option(names = "--stop-signal", paramLabel = "SIGNAL", description = "The signal that stops the container.")
  String stopSignal;

  @Option(names = "--healthcheck", paramLabel = "COMMAND|none",
      description = "A health check run by the image's shell (HEALTHCHECK CMD COMMAND), or none to disable BASE's.")
  String healthcheck;

  @Option(names = "--healthcheck-interval", paramLabel = "DURATION", description = "e.g. 30s.")
  String healthInterval;

  @Option(names = "--healthcheck-timeout", paramLabel = "DURATION", description = "e.g. 5s.")
  String healthTimeout;

  @Option(names = "--healthcheck-start-period", paramLabel = "DURATION", description = "e.g. 1m.")
  String healthStartPeriod;

  @Option(names = "--healthcheck-retries", paramLabel = "N", description = "Failures in a row that mean unhealthy.")
  Integer healthRetries;

  @Mixin ConcurrencyOption concurrency;

  @Override
  protected int run(Session session) throws Exception {
    SourceAndDestination ends = SourceAndDestination.parse(base, target, "TARGET", "the new image");
    TargetArg from = ends.source();
    TargetArg to = ends.destination();
    ImageBaker.Builder baker = ImageBaker.builder().labels(labels).baseName(from.toString());
    if (!removals.isEmpty()) {
      baker.layer(LayerSource.removing(removals));
    }
    for (LayerArg layer : layers) {
      baker.layer(layerSource(layer));
    }
    env.forEach(baker::env);
    if (entrypoint != null) {
      baker.entrypoint(entrypoint);
    }
    if (cmd != null) {
      baker.cmd(cmd);
    }
    applyConfig(baker);
    for (String p : platforms) {
      baker.platform(Platform.parse(p));
    }
    // Base and target on one registry: let it mount the base's layers instead of copying them.
    if (from instanceof TargetArg.Remote f && to instanceof TargetArg.Remote t && f.host().equals(t.host())) {
      baker.mountFrom(f.ref().repository());
    }
    CopyOptions.Builder copy = concurrency.apply(session, CopyOptions.builder());
    Console console = session.console();
    ProgressBars bars = new ProgressBars(console, "push");
    CopiedNodesProgress progress = new CopiedNodesProgress(bars);
    session.progress(progress);
    baker.copyOptions(copy.listener(progress.announcing(new TransferListener(bars, console))).build());
    SourceAndDestination.Stores stores = ends.open(session);
    BakedImage image = baker.build().bake(stores.source(), ends.sourceReference(), stores.destination(), to.tag());
    bars.finish();
    console.result(image.manifest().digest().toString());
    return ExitCodes.OK;
  }

  private void applyConfig(ImageBaker.Builder baker) {
    if (workdir != null) {
      baker.workdir(workdir);
    }
    if (user != null) {
      baker.user(user);
    }
    expose.forEach(baker::expose);
    volumes.forEach(baker::volume);
    if (stopSignal != null) {
      baker.stopSignal(stopSignal);
    }
    boolean timings = healthInterval != null || healthTimeout != null || healthStartPeriod != null
        || healthRetries != null;
    if (healthcheck == null) {
      if (timings) {
        throw new IllegalArgumentException("--healthcheck-* options need --healthcheck COMMAND");
      }
      return;
    }
    if (healthcheck.equalsIgnoreCase("none")) {
      baker.healthcheck(Healthcheck.none());
      return;
    }
    baker.healthcheck(Healthcheck.shell(healthcheck).withTimings(duration(healthInterval, "--healthcheck-interval"),
        duration(healthTimeout, "--healthcheck-timeout"), duration(healthStartPeriod, "--healthcheck-start-period"),
        null, healthRetries));
  }

  private static java.time.Duration duration(String text, String option) {
    if (text == null) {
      return null;
    }
    try {
      return Healthcheck.parseDuration(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** {@code DIR}, {@code DIR:/PATH} or {@code TAR}, with the ownership and mode in force. */
  private LayerSource layerSource(LayerArg arg) throws Exception {
    String text = arg.text;
    Path local = Path.of(text);
    String imagePath = dest;
    int split = text.lastIndexOf(":/");
    // A path whose name really contains ":/" is taken whole; otherwise what follows is the image path.
    if (split > 0 && !Files.exists(local)) {
      local = Path.of(text.substring(0, split));
      imagePath = text.substring(split + 1);
    }
    LocalPaths.inputFileOrDirectory(local);
    if (!Files.isDirectory(local)) {
      if (split > 0 && !local.toString().equals(text) || arg.chown != null || arg.chmod != null) {
        throw new IllegalArgumentException("--layer " + text + ": a tar is added as it is; :/PATH, --chown and"
            + " --chmod apply to directories");
      }
      return LayerSource.tar(local);
    }
    LayerSource.Builder b = LayerSource.builder().contents(local, imagePath);
    if (arg.chown != null) {
      int[] ids = owner(arg.chown);
      b.owner(ids[0], ids[1]);
    }
    if (arg.chmod != null) {
      if (!arg.chmod.matches("[0-7]{3,4}")) {
        throw new IllegalArgumentException("--chmod " + arg.chmod + ": an octal mode such as 755 or 0644");
      }
      b.mode(Integer.parseInt(arg.chmod, 8));
    }
    return b.build();
  }

  /** {@code UID:GID} or {@code UID} (then the group is the same number, as Docker's --chown does). */
  static int[] owner(String text) {
    if (!text.matches("[0-9]{1,9}(:[0-9]{1,9})?")) {
      throw new IllegalArgumentException("--chown " + text + ": numeric UID:GID (names need the image's"
          + " /etc/passwd, which berth does not read)");
    }
    String[] parts = text.split(":");
    int uid = Integer.parseInt(parts[0]);
    return new int[] {uid, parts.length == 2 ? Integer.parseInt(parts[1]) : uid};
  }
}
