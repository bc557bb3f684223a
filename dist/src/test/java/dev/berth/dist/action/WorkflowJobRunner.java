package dev.berth.dist.action;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one job of a workflow on this machine, as a runner would: {@code run:} steps with bash, {@code
 * uses: berth-dev/berth@...} steps through {@link CompositeActionRunner} on this repository's action.yml,
 * and actions/checkout as a no-op (the test has already put the repository's files in the workspace).
 * The workflow's {@code env:} is exported to every step and readable as {@code env.NAME}.
 */
final class WorkflowJobRunner {
  private final CompositeActionRunner runner;
  private final Map<String, String> extraWith;

  /**
   * @param runner the runner-like environment the steps share
   * @param extraWith inputs added to every berth step (the registry a test talks to instead of ghcr.io)
   */
  WorkflowJobRunner(CompositeActionRunner runner, Map<String, String> extraWith) {
    this.runner = runner;
    this.extraWith = extraWith;
  }

  /** Runs {@code job} of the workflow {@code yaml}; returns every step's outputs by step id. */
  Map<String, Map<String, String>> run(String yaml, String job) throws IOException, InterruptedException {
    JsonNode workflow = new ObjectMapper(new YAMLFactory()).readTree(yaml);
    Map<String, String> ctx = new LinkedHashMap<>(runner.context());
    workflow.path("env").fields().forEachRemaining(e -> {
      ctx.put("env." + e.getKey(), e.getValue().asText());
      runner.env(e.getKey(), e.getValue().asText());
    });
    JsonNode steps = workflow.path("jobs").path(job).path("steps");
    if (!steps.isArray() || steps.isEmpty()) {
      throw new IllegalArgumentException("no steps in job " + job);
    }
    Map<String, Map<String, String>> all = new LinkedHashMap<>();
    int index = 0;
    for (JsonNode step : steps) {
      index++;
      String id = step.path("id").asText("step" + index);
      if (step.has("if") && !ActionExpressions.condition(step.path("if").asText(), ctx)) {
        continue;
      }
      Map<String, String> outputs;
      String uses = step.path("uses").asText("");
      if (uses.startsWith("actions/checkout@")) {
        outputs = Map.of();
      } else if (uses.startsWith("berth-dev/berth@")) {
        Map<String, String> with = new LinkedHashMap<>();
        step.path("with").fields().forEachRemaining(e ->
            with.put(e.getKey(), ActionExpressions.interpolate(e.getValue().asText(), ctx)));
        with.putAll(extraWith);
        outputs = runner.run(with);
      } else if (!uses.isEmpty()) {
        throw new IllegalStateException("this runner cannot run " + uses);
      } else {
        outputs = runner.runStep(step, ctx, id);
      }
      all.put(id, outputs);
      outputs.forEach((k, v) -> ctx.put("steps." + id + ".outputs." + k, v));
    }
    return all;
  }
}
