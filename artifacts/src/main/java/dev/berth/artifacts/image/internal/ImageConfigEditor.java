package dev.berth.artifacts.image.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.artifacts.internal.JsonDocuments;
import dev.berth.core.Digest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Edits an image config (OCI image config or Docker container image v1) as a JSON tree, so fields berth
 * does not model (Docker's {@code container_config}, {@code docker_version}, healthchecks, volumes)
 * survive untouched in their original order.
 */
public final class ImageConfigEditor {
  private final ObjectNode root;
  private final String what;

  private ImageConfigEditor(ObjectNode root, String what) {
    this.root = root;
    this.what = what;
  }

  /**
   * Parses a base config and checks it describes {@code layerCount} layers.
   *
   * @throws IllegalArgumentException when it is not an image config or its diff_ids disagree with the
   *     manifest's layers
   */
  public static ImageConfigEditor parse(byte[] config, Digest digest, int layerCount) {
    String what = "image config " + digest;
    JsonNode node = JsonDocuments.nonEmptyTree(config, what);
    if (!(node instanceof ObjectNode root)) {
      throw new IllegalArgumentException(what + " is not a JSON object");
    }
    JsonNode rootfs = root.get("rootfs");
    JsonNode diffIds = rootfs == null ? null : rootfs.get("diff_ids");
    if (diffIds == null || !diffIds.isArray()) {
      throw new IllegalArgumentException(what + " has no rootfs.diff_ids: not an image config");
    }
    if (diffIds.size() != layerCount) {
      throw new IllegalArgumentException(what + " lists " + diffIds.size() + " diff_ids but the manifest has "
          + layerCount + " layers");
    }
    return new ImageConfigEditor(root, what);
  }

  /** Appends a layer's diff_id and its history entry. */
  public ImageConfigEditor addLayer(Digest diffId, ConfigChanges.HistoryEntry history, @Nullable Instant created) {
    ((ArrayNode) root.get("rootfs").get("diff_ids")).add(diffId.toString());
    ObjectNode h = historyArray().addObject();
    if (created != null) {
      h.put("created", format(created));
    }
    h.put("created_by", history.createdBy());
    if (history.comment() != null) {
      h.put("comment", history.comment());
    }
    return this;
  }

  /** Applies labels, env, entrypoint/cmd and created. */
  public ImageConfigEditor apply(ConfigChanges changes) {
    ObjectNode config = containerConfig();
    if (!changes.labels().isEmpty()) {
      ObjectNode labels = config.get("Labels") instanceof ObjectNode l ? l : config.putObject("Labels");
      changes.labels().forEach(labels::put);
    }
    if (!changes.env().isEmpty()) {
      config.set("Env", mergeEnv(config.get("Env"), changes.env()));
    }
    if (changes.entrypoint() != null) {
      config.set("Entrypoint", array(changes.entrypoint()));
      if (changes.cmd() == null) {
        // Docker's rule: a new ENTRYPOINT drops an inherited CMD, which was arguments for the old one.
        config.remove("Cmd");
      }
    }
    if (changes.cmd() != null) {
      config.set("Cmd", array(changes.cmd()));
    }
    if (changes.created() != null) {
      root.put("created", format(changes.created()));
    }
    if (changes.workdir() != null) {
      config.put("WorkingDir", changes.workdir());
    }
    if (changes.user() != null) {
      config.put("User", changes.user());
    }
    if (!changes.exposedPorts().isEmpty()) {
      ObjectNode ports = config.get("ExposedPorts") instanceof ObjectNode o ? o : config.putObject("ExposedPorts");
      changes.exposedPorts().forEach(port -> ports.putObject(port));
    }
    if (!changes.volumes().isEmpty()) {
      ObjectNode volumes = config.get("Volumes") instanceof ObjectNode o ? o : config.putObject("Volumes");
      changes.volumes().forEach(volume -> volumes.putObject(volume));
    }
    if (changes.stopSignal() != null) {
      config.put("StopSignal", changes.stopSignal());
    }
    if (changes.healthcheck() != null) {
      config.set("Healthcheck", healthcheck(changes.healthcheck()));
    }
    if (changes.shell() != null) {
      config.set("Shell", array(changes.shell()));
    }
    return this;
  }

  /** The base's environment, by name, in its order (a later duplicate wins, as in a process). */
  public Map<String, String> env() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (root.get("config") instanceof ObjectNode c && c.get("Env") instanceof ArrayNode env) {
      for (JsonNode e : env) {
        String entry = e.asText();
        int eq = entry.indexOf('=');
        out.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
      }
    }
    return out;
  }

  /** A string field of the container config ({@code WorkingDir}, {@code User}), or null. */
  public @Nullable String configText(String field) {
    JsonNode v = root.get("config") == null ? null : root.get("config").get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  /** A string array field of the container config ({@code Shell}, {@code Cmd}), or null. */
  public @Nullable List<String> configArray(String field) {
    JsonNode v = root.get("config") == null ? null : root.get("config").get(field);
    if (v == null || !v.isArray()) {
      return null;
    }
    List<String> out = new java.util.ArrayList<>();
    v.forEach(e -> out.add(e.asText()));
    return out;
  }

  /** A top-level string field ({@code os}, {@code architecture}, {@code variant}), or null. */
  public @Nullable String text(String field) {
    JsonNode v = root.get(field);
    return v != null && v.isTextual() ? v.asText() : null;
  }

  private static ObjectNode healthcheck(dev.berth.artifacts.image.Healthcheck h) {
    ObjectNode o = JsonDocuments.objectNode();
    o.set("Test", array(h.test()));
    putNanos(o, "Interval", h.interval());
    putNanos(o, "Timeout", h.timeout());
    putNanos(o, "StartPeriod", h.startPeriod());
    putNanos(o, "StartInterval", h.startInterval());
    if (h.retries() != null) {
      o.put("Retries", h.retries());
    }
    return o;
  }

  private static void putNanos(ObjectNode o, String field, java.time.@Nullable Duration d) {
    if (d != null) {
      o.put(field, d.toNanos());
    }
  }

  /** The edited config as compact JSON. */
  public byte[] toBytes() {
    return JsonDocuments.write(root);
  }

  /** Appends a history entry for a change that added no layer ({@code empty_layer}, as Docker writes). */
  public ImageConfigEditor addEmptyHistory(@Nullable String createdBy, @Nullable Instant created) {
    ObjectNode h = historyArray().addObject();
    if (created != null) {
      h.put("created", format(created));
    }
    h.put("created_by", createdBy);
    h.put("empty_layer", true);
    return this;
  }

  private ObjectNode containerConfig() {
    return root.get("config") instanceof ObjectNode c ? c : root.putObject("config");
  }

  private ArrayNode historyArray() {
    return root.get("history") instanceof ArrayNode h ? h : root.putArray("history");
  }

  /** Replaces {@code NAME=...} entries in place and appends new names, keeping the base's order. */
  private static ArrayNode mergeEnv(JsonNode existing, Map<String, String> env) {
    ArrayNode out = JsonDocuments.arrayNode();
    java.util.Set<String> done = new java.util.HashSet<>();
    if (existing != null && existing.isArray()) {
      for (JsonNode e : existing) {
        String entry = e.asText();
        int eq = entry.indexOf('=');
        String name = eq < 0 ? entry : entry.substring(0, eq);
        if (env.containsKey(name)) {
          if (done.add(name)) {
            out.add(name + "=" + env.get(name));
          }
        } else {
          out.add(entry);
        }
      }
    }
    env.forEach((name, value) -> {
      if (done.add(name)) {
        out.add(name + "=" + value);
      }
    });
    return out;
  }

  private static ArrayNode array(List<String> values) {
    ArrayNode a = JsonDocuments.arrayNode();
    values.forEach(a::add);
    return a;
  }

  private static String format(Instant t) {
    return DateTimeFormatter.ISO_INSTANT.format(t);
  }

  @Override
  public String toString() {
    return "ImageConfigEditor{" + what + "}";
  }
}
