package dev.berth.artifacts.image.internal;

import dev.berth.artifacts.image.LayerSource;
import dev.berth.core.Platform;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What to add to one base image, decided from that base: {@code --env PATH=/app/bin:$PATH} and a
 * Dockerfile's ENV, WORKDIR and COPY depend on the base's environment, working directory and platform,
 * which differ between the platforms of a multi-platform base.
 */
@FunctionalInterface
public interface ImageRecipe {
  /**
   * The base as a recipe sees it.
   *
   * @param env the base's environment, in order
   * @param workingDir the base's working directory, or null
   * @param shell the base's {@code Shell}, or null
   * @param platform the base image's platform (from its config; parts may be null)
   * @param onBuild the base's ONBUILD triggers, empty when none
   */
  record Base(Map<String, String> env, @Nullable String workingDir, @Nullable List<String> shell, Platform platform,
      List<String> onBuild) {
    public Base {
      onBuild = List.copyOf(onBuild);
    }
  }

  /**
   * One history entry: a new layer, or a config change that adds none ({@code empty_layer}).
   *
   * @param layer the layer, or null
   * @param createdBy what the entry says; for a layer, null means the layer's own description
   */
  record Step(@Nullable LayerSource layer, @Nullable String createdBy) {}

  /**
   * The layers and config changes for one base.
   *
   * @param steps the history entries in order; those with a layer are the new layers (equal sources
   *     are built once across platforms)
   * @param changes the config changes, with every substitution done
   */
  record Plan(List<Step> steps, ConfigChanges changes) {
    public Plan {
      steps = List.copyOf(steps);
    }

    /** A plan of layers only (no empty-layer history entries). */
    public static Plan ofLayers(List<LayerSource> layers, ConfigChanges changes) {
      return new Plan(layers.stream().map(l -> new Step(l, null)).toList(), changes);
    }
  }

  /** The plan for {@code base}. */
  Plan plan(Base base) throws IOException;
}
