package dev.berth.dist.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs action.yml's steps the way a GitHub runner runs a composite action, on this machine: each
 * {@code run:} step with {@code bash --noprofile --norc -eo pipefail}, in a runner-like environment
 * (GITHUB_ACTION_PATH, GITHUB_OUTPUT per step, GITHUB_ACTOR, RUNNER_TEMP, RUNNER_TOOL_CACHE), with
 * {@code ${{ }}} expressions and {@code if:} conditions evaluated. Of the {@code uses:} steps,
 * actions/cache is a cold cache (cache-hit false) and actions/setup-java must be skipped (the machine
 * has Java); any other is an error. Everything the steps print is kept as the job log.
 */
final class CompositeActionRunner {
  private static final long STEP_TIMEOUT_SECONDS = 300;

  private final Path actionDir;
  private final Path scratch;
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Map<String, String> context = new LinkedHashMap<>();
  private final StringBuilder log = new StringBuilder();
  private final List<String> cachePaths = new ArrayList<>();

  /**
   * @param actionDir the directory holding action.yml (the repository root)
   * @param scratch an empty directory for the workspace, RUNNER_TEMP and the tool cache
   */
  CompositeActionRunner(Path actionDir, Path scratch) throws IOException {
    this.actionDir = actionDir;
    this.scratch = scratch;
    Path workspace = Files.createDirectories(scratch.resolve("workspace"));
    Path home = Files.createDirectories(scratch.resolve("home"));
    env.put("PATH", System.getenv("PATH"));
    env.put("HOME", home.toString());
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_WORKSPACE", workspace.toString());
    env.put("GITHUB_ACTION_PATH", actionDir.toString());
    env.put("GITHUB_ACTION_REPOSITORY", "octo-org/berth");
    env.put("RUNNER_OS", "Linux");
    env.put("RUNNER_TEMP", Files.createDirectories(scratch.resolve("runner-temp")).toString());
    env.put("RUNNER_TOOL_CACHE", Files.createDirectories(scratch.resolve("tool-cache")).toString());
    context.put("github.action_path", actionDir.toString());
    context.put("runner.temp", env.get("RUNNER_TEMP"));
    context.put("runner.os", "Linux");
  }

  /** The job's workspace: the steps' working directory. */
  Path workspace() {
    return Path.of(env.get("GITHUB_WORKSPACE"));
  }

  /** Sets a variable every step sees (GITHUB_ACTOR, for example). */
  CompositeActionRunner env(String name, String value) {
    env.put(name, value);
    if (name.equals("GITHUB_ACTOR")) {
      context.put("github.actor", value);
    }
    return this;
  }

  /** Sets {@code github.token}, the token input's default. */
  CompositeActionRunner githubToken(String token) {
    context.put("github.token", token);
    return this;
  }

  /** Everything the steps printed. */
  String log() {
    return log.toString();
  }

  /** The paths actions/cache was asked to cache. */
  List<String> cachePaths() {
    return cachePaths;
  }

  /** Runs the action with {@code with}, returning its outputs. */
  Map<String, String> run(Map<String, String> with) throws IOException, InterruptedException {
    JsonNode action = new ObjectMapper(new YAMLFactory()).readTree(actionDir.resolve("action.yml").toFile());
    Map<String, String> ctx = new LinkedHashMap<>(context);
    action.path("inputs").fields().forEachRemaining(e -> {
      String given = with.get(e.getKey());
      String value = given != null ? given : ActionExpressions.interpolate(e.getValue().path("default").asText(""), ctx);
      ctx.put("inputs." + e.getKey(), value);
    });
    for (String name : with.keySet()) {
      if (!action.path("inputs").has(name)) {
        throw new IllegalArgumentException("action.yml has no input " + name);
      }
    }
    if (!"composite".equals(action.path("runs").path("using").asText())) {
      throw new IllegalStateException("not a composite action");
    }
    int index = 0;
    for (JsonNode step : action.path("runs").path("steps")) {
      index++;
      String id = step.path("id").asText("step" + index);
      if (step.has("if") && !ActionExpressions.condition(step.path("if").asText(), ctx)) {
        continue;
      }
      Map<String, String> outputs = step.has("uses") ? uses(step, ctx) : runStep(step, ctx, id);
      outputs.forEach((k, v) -> ctx.put("steps." + id + ".outputs." + k, v));
    }
    Map<String, String> result = new LinkedHashMap<>();
    action.path("outputs").fields().forEachRemaining(e ->
        result.put(e.getKey(), ActionExpressions.interpolate(e.getValue().path("value").asText(), ctx)));
    return result;
  }

  private Map<String, String> uses(JsonNode step, Map<String, String> ctx) {
    String uses = step.path("uses").asText();
    if (uses.startsWith("actions/cache@")) {
      cachePaths.add(ActionExpressions.interpolate(step.path("with").path("path").asText(), ctx));
      String key = ActionExpressions.interpolate(step.path("with").path("key").asText(), ctx);
      if (key.isBlank()) {
        throw new IllegalStateException("actions/cache gets an empty key");
      }
      return Map.of("cache-hit", "false");
    }
    throw new IllegalStateException("step " + uses + " would run here: " + step);
  }

  /** The variables every step sees. */
  Map<String, String> env() {
    return env;
  }

  /** The {@code github.*} and {@code runner.*} context, for a workflow's own expressions. */
  Map<String, String> context() {
    return context;
  }

  /**
   * Runs one {@code run:} step (a workflow's steps default to bash on Linux runners, as here) and
   * returns the outputs it wrote to GITHUB_OUTPUT.
   */
  Map<String, String> runStep(JsonNode step, Map<String, String> ctx, String id)
      throws IOException, InterruptedException {
    if (step.has("shell") && !"bash".equals(step.path("shell").asText())) {
      throw new IllegalStateException("step " + id + " needs shell: bash");
    }
    Path script = Files.writeString(scratch.resolve("runner-temp").resolve(id + ".sh"),
        ActionExpressions.interpolate(step.path("run").asText(), ctx));
    Path output = scratch.resolve("runner-temp").resolve(id + ".output");
    Files.deleteIfExists(output);
    Files.createFile(output);
    ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc", "-eo", "pipefail", script.toString())
        .directory(workspace().toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.environment().put("GITHUB_OUTPUT", output.toString());
    step.path("env").fields().forEachRemaining(e ->
        pb.environment().put(e.getKey(), ActionExpressions.interpolate(e.getValue().asText(), ctx)));
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(STEP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("step " + id + " did not finish in " + STEP_TIMEOUT_SECONDS + " s");
    }
    log.append(new String(out, StandardCharsets.UTF_8));
    if (p.exitValue() != 0) {
      throw new StepFailedException(id, p.exitValue(), log.toString());
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String line : Files.readAllLines(output, StandardCharsets.UTF_8)) {
      int eq = line.indexOf('=');
      if (eq <= 0 || line.contains("<<")) {
        throw new IllegalStateException("step " + id + " wrote an output line this runner cannot read: " + line);
      }
      outputs.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return outputs;
  }

  /** A {@code run:} step exited non-zero: the job fails there, as on a runner. */
  static final class StepFailedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    final String log;

    StepFailedException(String step, int status, String log) {
      super("step " + step + " exited " + status + "; log:\n" + log);
      this.log = log;
    }
  }
}
