package dev.berth.artifacts.image.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a bake changes in an image config besides the layers. Null or empty means "keep the base's".
 *
 * @param labels labels to add or replace
 * @param env environment variables to add or replace, by name
 * @param entrypoint the new entrypoint, or null
 * @param cmd the new command, or null
 * @param created the image's creation time, also recorded in history, or null to keep the base's
 */
public record ConfigChanges(
    Map<String, String> labels, Map<String, String> env, List<String> entrypoint, List<String> cmd,
    Instant created) {

  public ConfigChanges {
    labels = labels == null ? Map.of() : labels;
    env = env == null ? Map.of() : env;
    entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
    cmd = cmd == null ? null : List.copyOf(cmd);
  }

  /** One history entry per added layer; {@code createdBy} says what made it. */
  public record HistoryEntry(String createdBy, String comment) {}
}
