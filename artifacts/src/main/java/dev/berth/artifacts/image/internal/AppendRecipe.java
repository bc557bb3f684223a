package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.LayerSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recipe of {@code berth image append}: fixed layers and config values, with {@code $VAR} in the
 * environment values substituted against the base's environment.
 */
public final class AppendRecipe {
  private AppendRecipe() {}

  /** Adds {@code layers} and applies {@code changes}, whose env values may refer to the base's and earlier ones. */
  public static ImageRecipe of(List<LayerSource> layers, ConfigChanges changes) {
    List<LayerSource> fixed = List.copyOf(layers);
    return base -> {
      // Each env value sees the base's environment and the values before it, as ENV lines do.
      Map<String, String> scope = new LinkedHashMap<>(base.env());
      Map<String, String> env = new LinkedHashMap<>();
      changes.env().forEach((name, value) -> {
        String expanded = Substitution.value(value, scope);
        scope.put(name, expanded);
        env.put(name, expanded);
      });
      return ImageRecipe.Plan.ofLayers(fixed, new ConfigChanges(changes.labels(), env, changes.entrypoint(),
          changes.cmd(), changes.created(), changes.workdir(), changes.user(), changes.exposedPorts(),
          changes.volumes(), changes.stopSignal(), changes.healthcheck(), changes.shell()));
    };
  }
}
