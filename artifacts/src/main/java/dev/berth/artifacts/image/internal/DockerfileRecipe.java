package dev.berth.artifacts.image.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.artifacts.image.Dockerfile;
import dev.berth.artifacts.image.Dockerfile.Instruction;
import dev.berth.artifacts.image.DockerfileException;
import dev.berth.artifacts.image.Healthcheck;
import dev.berth.artifacts.image.LayerSource;
import dev.berth.artifacts.internal.JsonDocuments;
import dev.berth.core.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
  private final Platform fromPlatform;
  private final int fromLine;

  private DockerfileRecipe(List<Instruction> stage, Map<String, String> globalArgs, Map<String, String> buildArgs,
      Path context, DockerIgnore ignore, char escape, String fromImage, Platform fromPlatform, int fromLine) {
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
          declareArgs(ins, global, global, buildArgs, null, escape);
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
  public Platform fromPlatform() {
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
    List<String> entrypoint;
    List<String> cmd;
    String user;
    String stopSignal;
    Healthcheck healthcheck;

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
        case "ARG" -> declareArgs(ins, args, globalArgs, buildArgs, platform, escape);
        case "ENV" -> {
          Map<String, String> scope = scope();
          pairs(ins, scope).forEach((k, v) -> {
            env.put(k, v);
            envChanges.put(k, v);
          });
        }
        case "LABEL" -> labels.putAll(pairs(ins, scope()));
        case "WORKDIR" -> {
          workdir = resolve(single(ins), ins);
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
            volumes.add(path.startsWith("/") ? path : resolve(path, ins));
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
          steps.add(new Step(copy(ins), null));
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

    /** An absolute, cleaned path: relative ones against the working directory. */
    private String resolve(String path, Instruction ins) {
      String joined = path.startsWith("/") ? path : workdir + "/" + path;
      List<String> out = new ArrayList<>();
      for (String seg : joined.split("/")) {
        if (seg.isEmpty() || seg.equals(".")) {
          continue;
        }
        if (seg.equals("..")) {
          if (!out.isEmpty()) {
            out.remove(out.size() - 1);
          }
          continue;
        }
        out.add(seg);
      }
      return "/" + String.join("/", out);
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

    private Duration duration(String text) {
      return text == null ? null : Healthcheck.parseDuration(text);
    }

    private LayerSource copy(Instruction ins) throws IOException {
      boolean add = ins.keyword().equals("ADD");
      Map<String, String> f = flags(ins, add ? Set.of("chown", "chmod", "link") : Set.of("chown", "chmod", "link"));
      List<String> json = jsonArray(ins);
      List<String> raw = json != null ? json : words(ins);
      if (raw.size() < 2) {
        throw new DockerfileException(ins.line(), ins.keyword() + " needs at least one source and a destination");
      }
      Map<String, String> scope = scope();
      int[] ids = f.containsKey("chown") ? owner(substitute(f.get("chown"), scope, escape, ins), ins) : null;
      Integer mode = null;
      if (f.containsKey("chmod")) {
        if (!f.get("chmod").matches("[0-7]{3,4}")) {
          throw new DockerfileException(ins.line(), "--chmod=" + f.get("chmod")
              + ": berth takes an octal mode such as 755");
        }
        mode = Integer.parseInt(f.get("chmod"), 8);
      }
      List<String> all = new ArrayList<>();
      for (String w : raw) {
        all.add(json != null ? Substitution.value(w, scope) : substitute(w, scope, escape, ins));
      }
      String destText = all.get(all.size() - 1);
      List<String> sources = all.subList(0, all.size() - 1);
      String dest = resolve(destText, ins);
      List<Path> matched = new ArrayList<>();
      for (String src : sources) {
        if (src.matches("(?i)(https?|git)://.*") || src.startsWith("git@")) {
          throw new DockerfileException(ins.line(), ins.keyword() + " " + src + ": berth does not download during"
              + " a build; fetch it first and COPY the file");
        }
        matched.addAll(ContextSources.resolve(context, src, ignore, ins));
      }
      boolean destIsDir = destText.endsWith("/") || destText.equals(".") || destText.endsWith("/.")
          || sources.size() > 1 || matched.size() > 1;
      LayerSource.Builder b = LayerSource.builder().include(ignore).createdBy(ins + " # berth");
      for (Path p : matched) {
        if (Files.isDirectory(p)) {
          b.contents(p, dest);
        } else if (add && isTar(p)) {
          b.unpack(p, dest);
        } else {
          b.contents(p, destIsDir ? (dest.equals("/") ? "" : dest) + "/" + p.getFileName() : dest);
        }
      }
      if (ids != null) {
        b.owner(ids[0], ids[1]);
      }
      if (mode != null) {
        b.mode(mode);
      }
      return b.build();
    }
  }

  /** Numeric {@code UID[:GID]}, or {@code root}. */
  private static int[] owner(String text, Instruction ins) {
    String[] parts = text.split(":", -1);
    if (parts.length > 2) {
      throw new DockerfileException(ins.line(), "--chown=" + text + " is not UID[:GID]");
    }
    int[] ids = new int[2];
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      if (p.equals("root")) {
        ids[i] = 0;
      } else if (p.matches("[0-9]{1,9}")) {
        ids[i] = Integer.parseInt(p);
      } else {
        throw new DockerfileException(ins.line(), "--chown=" + text + ": berth resolves no user or group names"
            + " (that needs the image's /etc/passwd); use numbers, e.g. --chown=1000:1000");
      }
    }
    if (parts.length == 1) {
      ids[1] = ids[0];
    }
    return ids;
  }

  private static boolean isTar(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(512);
      if (head.length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
        return true;
      }
      if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
        return true;
      }
      return head.length == 512 && new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII).equals("ustar");
    }
  }

  /**
   * Declares the ARG names of {@code ins} in {@code into}: a build argument's value wins, then the
   * default, then (inside the stage) the global value of the same name, then the platform's for the
   * automatic TARGET and BUILD arguments.
   */
  private static void declareArgs(Instruction ins, Map<String, String> into, Map<String, String> global,
      Map<String, String> buildArgs, Platform platform, char escape) {
    for (String word : words(ins)) {
      int eq = word.indexOf('=');
      String name = eq < 0 ? word : word.substring(0, eq);
      if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new DockerfileException(ins.line(), "ARG name \"" + name + "\" is not a variable name");
      }
      String value;
      if (buildArgs.containsKey(name)) {
        value = buildArgs.get(name);
      } else if (eq >= 0) {
        Map<String, String> scope = new LinkedHashMap<>(global);
        scope.putAll(into);
        value = substitute(word.substring(eq + 1), scope, escape, ins);
      } else if (global != into && global.containsKey(name)) {
        value = global.get(name);
      } else {
        value = automatic(name, platform);
      }
      if (value != null) {
        into.put(name, value);
      } else {
        into.remove(name);
      }
    }
  }

  private static String automatic(String name, Platform target) {
    Platform build = hostPlatform();
    Platform p = name.startsWith("TARGET") ? target : name.startsWith("BUILD") ? build : null;
    if (p == null) {
      return null;
    }
    return switch (name.substring(name.startsWith("TARGET") ? 6 : 5)) {
      case "PLATFORM" -> p.os() + "/" + p.architecture() + (p.variant() == null ? "" : "/" + p.variant());
      case "OS" -> p.os();
      case "ARCH" -> p.architecture();
      case "VARIANT" -> p.variant() == null ? "" : p.variant();
      default -> null;
    };
  }

  private static Platform hostPlatform() {
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    arch = switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
    return Platform.of("linux", arch, null);
  }

  /** The instruction's {@code --name=value} flags, refusing names not in {@code allowed}. */
  private static Map<String, String> flags(Instruction ins, Set<String> allowed) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String flag : ins.flags()) {
      String body = flag.substring(2);
      int eq = body.indexOf('=');
      String name = (eq < 0 ? body : body.substring(0, eq)).toLowerCase(Locale.ROOT);
      if (name.equals("from") && (ins.keyword().equals("COPY") || ins.keyword().equals("ADD"))) {
        throw new DockerfileException(ins.line(), ins.keyword() + " --from needs another stage or image;"
            + " berth copies from the build context only");
      }
      if (!allowed.contains(name)) {
        throw new DockerfileException(ins.line(), ins.keyword() + " --" + name + " is not supported"
            + (allowed.isEmpty() ? "" : " (berth knows --" + String.join(", --", allowed.stream().sorted().toList()) + ")"));
      }
      out.put(name, eq < 0 ? "true" : body.substring(eq + 1));
    }
    return out;
  }

  /** The arguments as a JSON string array (exec form), or null when they are not one (shell form). */
  private static List<String> jsonArray(Instruction ins) {
    String a = ins.arguments();
    if (!a.startsWith("[")) {
      return null;
    }
    try {
      JsonNode node = JsonDocuments.tree(a.getBytes(StandardCharsets.UTF_8));
      if (!node.isArray()) {
        return null;
      }
      List<String> out = new ArrayList<>();
      for (JsonNode e : node) {
        if (!e.isTextual()) {
          return null;
        }
        out.add(e.asText());
      }
      return out;
    } catch (IOException e) {
      return null; // not JSON: Docker takes it as the shell form
    }
  }

  /** KEY=VALUE pairs (ENV, LABEL), or the old single {@code KEY VALUE} form, values substituted. */
  private Map<String, String> pairs(Instruction ins, Map<String, String> scope) {
    List<String> words = words(ins);
    Map<String, String> out = new LinkedHashMap<>();
    if (words.isEmpty()) {
      throw new DockerfileException(ins.line(), ins.keyword() + " needs KEY=VALUE");
    }
    if (!words.get(0).contains("=")) {
      String rest = ins.arguments().substring(ins.arguments().indexOf(words.get(0)) + words.get(0).length()).strip();
      if (rest.isEmpty()) {
        throw new DockerfileException(ins.line(), ins.keyword() + " " + words.get(0) + " needs a value");
      }
      out.put(substitute(words.get(0), scope, escape, ins), substitute(rest, scope, escape, ins));
      return out;
    }
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq <= 0) {
        throw new DockerfileException(ins.line(), ins.keyword() + ": \"" + w + "\" is not KEY=VALUE");
      }
      out.put(substitute(w.substring(0, eq), scope, escape, ins), substitute(w.substring(eq + 1), scope, escape, ins));
    }
    return out;
  }

  private static String substitute(String word, Map<String, String> scope, char escape, Instruction ins) {
    try {
      return Substitution.word(word, scope, escape);
    } catch (IllegalArgumentException e) {
      throw new DockerfileException(ins.line(), e.getMessage());
    }
  }

  /** Splits the arguments on blanks outside quotes, keeping quotes and escapes for substitution. */
  private static List<String> words(Instruction ins) {
    List<String> out = new ArrayList<>();
    String a = ins.arguments();
    StringBuilder cur = new StringBuilder();
    char quote = 0;
    boolean inWord = false;
    for (int i = 0; i < a.length(); i++) {
      char c = a.charAt(i);
      if (quote == 0 && Character.isWhitespace(c)) {
        if (inWord) {
          out.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
        continue;
      }
      inWord = true;
      cur.append(c);
      if ((c == '\\' || c == '`') && i + 1 < a.length() && quote != '\'') {
        cur.append(a.charAt(++i));
      } else if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote) {
        quote = 0;
      }
    }
    if (quote != 0) {
      throw new DockerfileException(ins.line(), "unterminated quote in: " + a);
    }
    if (inWord) {
      out.add(cur.toString());
    }
    return out;
  }
}
