package dev.berth.artifacts.image.internal;

import static dev.berth.artifacts.image.internal.InstructionArgs.flags;
import static dev.berth.artifacts.image.internal.InstructionArgs.jsonArray;
import static dev.berth.artifacts.image.internal.InstructionArgs.pairs;
import static dev.berth.artifacts.image.internal.InstructionArgs.substitute;
import static dev.berth.artifacts.image.internal.InstructionArgs.words;

import dev.berth.artifacts.image.Dockerfile.Instruction;
import dev.berth.artifacts.image.Dockerfile;
import dev.berth.artifacts.image.DockerfileException;
import dev.berth.artifacts.image.Healthcheck;
import dev.berth.core.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Interprets a single-stage Dockerfile against a base image, without a container runtime: every
 * instruction that only changes files from the build context or the config is carried out, RUN and the
 * rest that would execute code are refused with the line and the way to do it without one.
 *
 * <p>Semantics follow Docker's reference: ENV, ARG, LABEL, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL,
 * COPY and ADD substitute {@code $VAR} (environment before build arguments of the same name); CMD,
 * ENTRYPOINT and HEALTHCHECK do not (the shell does at run time); the shell form is the image's shell
 * ({@code ["/bin/sh", "-c"]} unless SHELL or the base says otherwise) plus the text; a relative WORKDIR
 * or COPY destination is resolved against the working directory; COPY of a directory copies its
 * contents; ADD of a local tar unpacks it.
 */
public final class DockerfileRecipe implements ImageRecipe {
  private static final Set<String> KNOWN = Set.of("FROM", "ARG", "ENV", "LABEL", "WORKDIR", "USER", "EXPOSE",
      "VOLUME", "STOPSIGNAL", "ENTRYPOINT", "CMD", "SHELL", "HEALTHCHECK", "COPY", "ADD");
  private static final List<String> DEFAULT_SHELL = List.of("/bin/sh", "-c");

  private final List<Instruction> stage;
  private final Map<String, String> globalArgs;
  private final Map<String, String> buildArgs;
  private final Path context;
  private final DockerIgnore ignore;
  private final char escape;
  private final String fromImage;
  private final @Nullable Platform fromPlatform;
  private final int fromLine;

  private DockerfileRecipe(List<Instruction> stage, Map<String, String> globalArgs, Map<String, String> buildArgs,
      Path context, DockerIgnore ignore, char escape, String fromImage, @Nullable Platform fromPlatform, int fromLine) {
    this.fromLine = fromLine;
    this.stage = stage;
    this.globalArgs = globalArgs;
    this.buildArgs = buildArgs;
    this.context = context;
    this.ignore = ignore;
    this.escape = escape;
    this.fromImage = fromImage;
    this.fromPlatform = fromPlatform;
  }

  /**
   * Checks the Dockerfile as far as it can be checked without the base (one FROM, known instructions,
   * no RUN) and reads the context's {@code .dockerignore}.
   *
   * @throws DockerfileException naming the first line berth cannot build
   */
  public static DockerfileRecipe of(Dockerfile dockerfile, Path context, Map<String, String> buildArgs)
      throws IOException {
    if (!Files.isDirectory(context)) {
      throw new IllegalArgumentException("the build context " + context + " is not a directory");
    }
    char escape = dockerfile.escape();
    Map<String, String> global = new LinkedHashMap<>();
    List<Instruction> stage = new ArrayList<>();
    Instruction from = null;
    for (Instruction ins : dockerfile.instructions()) {
      refuseUnsupported(ins);
      if (from == null) {
        if (ins.keyword().equals("ARG")) {
          BuildArguments.declareArgs(ins, global, global, buildArgs, null, escape);
          continue;
        }
        if (!ins.keyword().equals("FROM")) {
          throw new DockerfileException(ins.line(), ins.keyword() + " before FROM; only ARG may come first");
        }
        from = ins;
        continue;
      }
      if (ins.keyword().equals("FROM")) {
        throw new DockerfileException(ins.line(), "a second FROM: berth builds single-stage Dockerfiles;"
            + " without RUN a build stage has nothing to produce, so prepare those files on the host and COPY them");
      }
      stage.add(ins);
    }
    if (from == null) {
      throw new DockerfileException(0, "no FROM instruction");
    }
    Map<String, String> flags = flags(from, Set.of("platform"));
    String[] words = words(from).toArray(String[]::new);
    if (words.length != 1 && !(words.length == 3 && words[1].equalsIgnoreCase("AS"))) {
      throw new DockerfileException(from.line(), "FROM takes IMAGE [AS NAME], not: " + from.arguments());
    }
    String image = substitute(words[0], global, escape, from);
    if (image.equals("scratch")) {
      throw new DockerfileException(from.line(), "FROM scratch is not supported: berth builds on a base image"
          + " (a small one, such as a static busybox, serves for static binaries)");
    }
    Platform platform = null;
    String rawPlatform = flags.get("platform");
    // $BUILDPLATFORM / $TARGETPLATFORM choose per build, which --platform does here.
    if (rawPlatform != null && !rawPlatform.contains("PLATFORM")) {
      try {
        platform = Platform.parse(substitute(rawPlatform, global, escape, from));
      } catch (IllegalArgumentException e) {
        throw new DockerfileException(from.line(), "--platform=" + rawPlatform + ": " + e.getMessage());
      }
    }
    Path ignoreFile = context.resolve(".dockerignore");
    DockerIgnore ignore = Files.isRegularFile(ignoreFile)
        ? DockerIgnore.parse(context, Files.readString(ignoreFile)) : DockerIgnore.none(context);
    return new DockerfileRecipe(List.copyOf(stage), global, Map.copyOf(buildArgs), context.toAbsolutePath().normalize(),
        ignore, escape, image, platform, from.line());
  }

  /** The FROM image, build arguments substituted. */
  public String fromImage() {
    return fromImage;
  }

  /** FROM's {@code --platform}, or null. */
  public @Nullable Platform fromPlatform() {
    return fromPlatform;
  }

  private static void refuseUnsupported(Instruction ins) {
    switch (ins.keyword()) {
      case "RUN" -> throw new DockerfileException(ins.line(), "RUN needs a container runtime to execute, and berth"
          + " builds without one. Prepare the files on the host instead and COPY them in, e.g. `pip install"
          + " --target deps -r requirements.txt` then `COPY deps /usr/local/lib/python3/site-packages`");
      case "ONBUILD" -> throw new DockerfileException(ins.line(), "ONBUILD is not supported: its triggers run"
          + " in a later build, which needs a container runtime for RUN");
      case "MAINTAINER" -> throw new DockerfileException(ins.line(), "MAINTAINER is deprecated and not"
          + " supported; use LABEL org.opencontainers.image.authors=\"...\"");
      default -> {
        if (!KNOWN.contains(ins.keyword())) {
          throw new DockerfileException(ins.line(), "unknown instruction " + ins.keyword());
        }
      }
    }
  }

  @Override
  public Plan plan(Base base) throws IOException {
    if (!base.onBuild().isEmpty()) {
      // Docker runs these at FROM; leaving them out would build another image than Docker does.
      throw new DockerfileException(fromLine, "the base image has ONBUILD triggers, which a build runs at FROM"
          + " and berth cannot (they may RUN): " + String.join("; ", base.onBuild()));
    }
    State s = new State(base);
    for (Instruction ins : stage) {
      s.apply(ins);
    }
    return new Plan(s.steps, new ConfigChanges(s.labels, s.envChanges, s.entrypoint, s.cmd, null,
        s.workdirSet ? s.workdir : null, s.user, s.ports, s.volumes, s.stopSignal, s.healthcheck,
        s.shellSet ? s.shell : null));
  }

  /** The build state while walking the stage for one base. */
  private final class State {
    final Map<String, String> env;
    final Map<String, String> envChanges = new LinkedHashMap<>();
    final Map<String, String> args = new LinkedHashMap<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    final List<String> ports = new ArrayList<>();
    final List<String> volumes = new ArrayList<>();
    final List<Step> steps = new ArrayList<>();
    final Platform platform;
    String workdir;
    boolean workdirSet;
    List<String> shell;
    boolean shellSet;
    @Nullable List<String> entrypoint;
    @Nullable List<String> cmd;
    @Nullable String user;
    @Nullable String stopSignal;
    @Nullable Healthcheck healthcheck;

    State(Base base) {
      env = new LinkedHashMap<>(base.env());
      workdir = base.workingDir() == null || base.workingDir().isEmpty() ? "/" : base.workingDir();
      shell = base.shell() == null || base.shell().isEmpty() ? DEFAULT_SHELL : base.shell();
      platform = base.platform();
    }

    /** Build arguments first, the environment over them (Docker's precedence). */
    Map<String, String> scope() {
      Map<String, String> m = new LinkedHashMap<>(args);
      m.putAll(env);
      return m;
    }

    void apply(Instruction ins) throws IOException {
      switch (ins.keyword()) {
        case "ARG" -> BuildArguments.declareArgs(ins, args, globalArgs, buildArgs, platform, escape);
        case "ENV" -> {
          Map<String, String> scope = scope();
          pairs(ins, scope, escape).forEach((k, v) -> {
            env.put(k, v);
            envChanges.put(k, v);
          });
        }
        case "LABEL" -> labels.putAll(pairs(ins, scope(), escape));
        case "WORKDIR" -> {
          workdir = ContainerPaths.resolve(single(ins), workdir);
          workdirSet = true;
        }
        case "USER" -> user = single(ins);
        case "EXPOSE" -> {
          for (String w : words(ins)) {
            try {
              ports.add(ConfigValues.port(substitute(w, scope(), escape, ins)));
            } catch (IllegalArgumentException e) {
              throw new DockerfileException(ins.line(), e.getMessage());
            }
          }
        }
        case "VOLUME" -> {
          List<String> list = jsonArray(ins);
          for (String v : list != null ? list : words(ins)) {
            String path = list != null ? v : substitute(v, scope(), escape, ins);
            volumes.add(path.startsWith("/") ? path : ContainerPaths.resolve(path, workdir));
          }
        }
        case "STOPSIGNAL" -> {
          try {
            stopSignal = ConfigValues.stopSignal(single(ins));
          } catch (IllegalArgumentException e) {
            throw new DockerfileException(ins.line(), e.getMessage());
          }
        }
        case "SHELL" -> {
          List<String> list = jsonArray(ins);
          if (list == null || list.isEmpty()) {
            throw new DockerfileException(ins.line(), "SHELL takes a JSON array, e.g. [\"/bin/bash\", \"-c\"]");
          }
          shell = list;
          shellSet = true;
        }
        case "ENTRYPOINT" -> entrypoint = command(ins);
        case "CMD" -> cmd = command(ins);
        case "HEALTHCHECK" -> healthcheck = healthcheck(ins);
        case "COPY", "ADD" -> {
          steps.add(new Step(CopyInstruction.layer(ins, scope(), escape, workdir, context, ignore), null));
          return;
        }
        default -> throw new DockerfileException(ins.line(), "unexpected " + ins.keyword());
      }
      steps.add(new Step(null, ins + " # berth"));
    }

    private String single(Instruction ins) {
      if (ins.arguments().isEmpty()) {
        throw new DockerfileException(ins.line(), ins.keyword() + " needs an argument");
      }
      return substitute(ins.arguments(), scope(), escape, ins);
    }

    private List<String> command(Instruction ins) {
      List<String> exec = jsonArray(ins);
      if (exec != null) {
        return exec;
      }
      if (ins.arguments().isEmpty()) {
        throw new DockerfileException(ins.line(), ins.keyword() + " needs a command");
      }
      List<String> out = new ArrayList<>(shell);
      out.add(ins.arguments());
      return out;
    }

    private Healthcheck healthcheck(Instruction ins) {
      Map<String, String> f = flags(ins, Set.of("interval", "timeout", "start-period", "start-interval", "retries"));
      String rest = ins.arguments();
      if (rest.equalsIgnoreCase("NONE")) {
        if (!f.isEmpty()) {
          throw new DockerfileException(ins.line(), "HEALTHCHECK NONE takes no options");
        }
        return Healthcheck.none();
      }
      if (!rest.regionMatches(true, 0, "CMD", 0, 3) || rest.length() > 3 && !Character.isWhitespace(rest.charAt(3))) {
        throw new DockerfileException(ins.line(), "HEALTHCHECK takes NONE or [OPTIONS] CMD command");
      }
      String command = rest.substring(3).strip();
      Instruction cmdPart = new Instruction(ins.line(), "HEALTHCHECK", List.of(), command);
      List<String> exec = jsonArray(cmdPart);
      Healthcheck h;
      if (exec != null) {
        if (exec.isEmpty()) {
          throw new DockerfileException(ins.line(), "HEALTHCHECK CMD needs a command");
        }
        h = Healthcheck.exec(exec);
      } else if (command.isEmpty()) {
        throw new DockerfileException(ins.line(), "HEALTHCHECK CMD needs a command");
      } else {
        h = Healthcheck.shell(command);
      }
      try {
        return h.withTimings(duration(f.get("interval")), duration(f.get("timeout")), duration(f.get("start-period")),
            duration(f.get("start-interval")), f.get("retries") == null ? null : Integer.valueOf(f.get("retries")));
      } catch (IllegalArgumentException e) {
        throw new DockerfileException(ins.line(), "HEALTHCHECK: " + e.getMessage());
      }
    }

    private @Nullable Duration duration(@Nullable String text) {
      return text == null ? null : Healthcheck.parseDuration(text);
    }

  }

}
