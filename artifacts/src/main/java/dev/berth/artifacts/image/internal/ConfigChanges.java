package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.Healthcheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a bake changes in an image config besides the layers. Null or empty means "keep the base's".
 * Values are final: any {@code $VAR} substitution happened before.
 *
 * @param labels labels to add or replace
 * @param env environment variables to add or replace, by name, in order
 * @param entrypoint the new entrypoint, or null
 * @param cmd the new command, or null
 * @param created the image's creation time, also recorded in history, or null to keep the base's
 * @param workdir the working directory, or null
 * @param user the user (and group) processes run as, or null
 * @param exposedPorts ports to add, as {@code PORT/PROTO}
 * @param volumes volume paths to add
 * @param stopSignal the stop signal, or null
 * @param healthcheck the health check, or null
 * @param shell the shell for shell-form commands (Docker's {@code SHELL}), or null
 */
public record ConfigChanges(
    Map<String, String> labels, Map<String, String> env, @Nullable List<String> entrypoint, @Nullable List<String> cmd,
    @Nullable Instant created, @Nullable String workdir, @Nullable String user, List<String> exposedPorts, List<String> volumes,
    @Nullable String stopSignal, @Nullable Healthcheck healthcheck, @Nullable List<String> shell) {

  public ConfigChanges {
    labels = labels == null ? Map.of() : labels;
    env = env == null ? Map.of() : env;
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    cmd = cmd == null ? null : List.copyOf(cmd);
    exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    shell = shell == null ? null : List.copyOf(shell);
  }

  /** Labels, env, entrypoint, cmd and created only. */
  public ConfigChanges(Map<String, String> labels, Map<String, String> env, List<String> entrypoint,
      List<String> cmd, Instant created) {
    this(labels, env, entrypoint, cmd, created, null, null, List.of(), List.of(), null, null, null);
  }

  /** One history entry per added layer; {@code createdBy} says what made it. */
  public record HistoryEntry(String createdBy, @Nullable String comment) {}
}
