package dev.berth.artifacts.image;

import dev.berth.artifacts.Annotations;
import dev.berth.artifacts.image.internal.DockerfileRecipe;
import dev.berth.core.Platform;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.copy.CopyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a Dockerfile without a container runtime: {@code berth image build}. The base named by FROM
 * comes from a registry or an OCI layout (the caller opens it: {@link #baseReference()} says which);
 * each COPY and ADD becomes one reproducible layer from the build context; ENV, ARG, LABEL, WORKDIR,
 * USER, EXPOSE, VOLUME, STOPSIGNAL, SHELL, HEALTHCHECK, ENTRYPOINT and CMD change the config as Docker
 * does. RUN, ONBUILD, multi-stage builds and {@code COPY --from} are refused when the build is set up,
 * naming the line; the way without a runtime is to prepare files on the host (e.g. {@code pip install
 * --target deps}) and COPY them.
 *
 * <pre>{@code
 * Dockerfile dockerfile = Dockerfile.parse(Files.readString(context.resolve("Dockerfile")));
 * DockerfileBuild build = DockerfileBuild.builder(dockerfile, context).buildArg("VERSION", "1.4.2").build();
 * Reference from = Reference.parse(build.baseReference());
 * BakedImage image = build.build(client.repository(from), from.reference(), client.repository(target), "1.4.2");
 * }</pre>
 *
 * <p>The same Dockerfile, build arguments and context give the same digest every time (the base's
 * creation time is kept; layer times are the epoch). A multi-platform base gives a multi-platform
 * image, as {@link ImageBaker} does. Base layers are mounted or skipped, never re-uploaded from a
 * download.
 */
public final class DockerfileBuild {
  private final DockerfileRecipe recipe;
  private final ImageBaker baker;

  private DockerfileBuild(DockerfileRecipe recipe, ImageBaker baker) {
    this.recipe = recipe;
    this.baker = baker;
  }

  /** A builder for {@code dockerfile} with the build context {@code context} (a directory). */
  public static Builder builder(Dockerfile dockerfile, Path context) {
    return new Builder(dockerfile, context);
  }

  /** The FROM image as written, with build arguments substituted: {@code HOST/NAME:TAG} or {@code oci:PATH:TAG}. */
  public String baseReference() {
    return recipe.fromImage();
  }

  /** FROM's {@code --platform}, or null when it names none (or names {@code $TARGETPLATFORM}). */
  public @Nullable Platform basePlatform() {
    return recipe.fromPlatform();
  }

  /**
   * Builds on {@code baseRef} in {@code base} (what {@link #baseReference()} names) and pushes the result
   * to {@code target}, tagged {@code tag} (or untagged when null).
   *
   * @throws DockerfileException when an instruction does not fit the base or the context (a missing
   *     source file, a bad argument), before anything is pushed
   */
  public BakedImage build(ReadOnlyTarget base, String baseRef, Target target, String tag) throws IOException {
    return baker.bake(base, baseRef, target, tag);
  }

  /** Configures a {@link DockerfileBuild}. Not thread-safe. */
  public static final class Builder {
    private final Dockerfile dockerfile;
    private final Path context;
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private final ImageBaker.Builder settings = ImageBaker.builder();
    private boolean platformGiven;

    private Builder(Dockerfile dockerfile, Path context) {
      this.dockerfile = Objects.requireNonNull(dockerfile, "dockerfile");
      this.context = Objects.requireNonNull(context, "context");
    }

    /** A build argument ({@code --build-arg NAME=VALUE}), used where an ARG of that name is declared. */
    public Builder buildArg(String name, String value) {
      if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("build argument name \"" + name + "\" is not a variable name");
      }
      buildArgs.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** A platform to build when the base is multi-platform (repeatable; default: all, or FROM --platform). */
    public Builder platform(Platform value) {
      settings.platform(value);
      platformGiven = platformGiven || value != null;
      return this;
    }

    /** The {@code org.opencontainers.image.base.name} annotation (OCI bases). */
    public Builder baseName(String name) {
      settings.baseName(name);
      return this;
    }

    /** See {@link ImageBaker.Builder#mountFrom}. */
    public Builder mountFrom(String repository) {
      settings.mountFrom(repository);
      return this;
    }

    /** Package annotations for the manifest (LABEL sets config labels). */
    public Builder annotations(Annotations value) {
      settings.annotations(value);
      return this;
    }

    /** Where layers are staged; the system temp dir by default. */
    public Builder tempDir(Path dir) {
      settings.tempDir(dir);
      return this;
    }

    /** How the image is copied to the target (see {@link ImageBaker.Builder#copyOptions}). */
    public Builder copyOptions(CopyOptions value) {
      settings.copyOptions(value);
      return this;
    }

    /** Hears how each blob reached the target. */
    public Builder listener(BlobTransferListener value) {
      settings.listener(value);
      return this;
    }

    /**
     * Checks the Dockerfile against what berth can build and reads the context's {@code .dockerignore}.
     *
     * @throws DockerfileException naming the first line berth cannot build
     * @throws IllegalArgumentException when the context is not a directory
     */
    public DockerfileBuild build() throws IOException {
      DockerfileRecipe recipe = DockerfileRecipe.of(dockerfile, context, buildArgs);
      if (!platformGiven && recipe.fromPlatform() != null) {
        settings.platform(recipe.fromPlatform());
      }
      return new DockerfileBuild(recipe, ImageBaker.withRecipe(settings, recipe));
    }
  }
}
