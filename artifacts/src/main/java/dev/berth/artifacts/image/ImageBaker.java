package dev.berth.artifacts.image;

import dev.berth.artifacts.Annotations;
import dev.berth.artifacts.image.internal.AppendRecipe;
import dev.berth.artifacts.image.internal.BakeCopies;
import dev.berth.artifacts.image.internal.BaseImages;
import dev.berth.artifacts.image.internal.BuiltLayer;
import dev.berth.artifacts.image.internal.ConfigChanges;
import dev.berth.artifacts.image.internal.ConfigValues;
import dev.berth.artifacts.image.internal.ImageConfigEditor;
import dev.berth.artifacts.image.internal.ImageRecipe;
import dev.berth.artifacts.image.internal.LayerBuilder;
import dev.berth.artifacts.image.internal.OverlayStorage;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.copy.Copier;
import dev.berth.core.copy.CopyListener;
import dev.berth.core.copy.CopyOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Bakes files into a new image on top of a base image, the way people build base images with their
 * dependencies inside, without a container runtime: {@code berth image append BASE TARGET --layer DIR}.
 *
 * <pre>{@code
 * ImageBaker baker = ImageBaker.builder()
 *     .layer(LayerSource.directory(Path.of("build/deps"), "/opt/deps"))
 *     .layer(LayerSource.builder().contents(Path.of("build/app"), "/app").owner(1000, 1000).build())
 *     .env("PATH", "/opt/deps/bin:$PATH")                  // $PATH: the base's, as Docker's ENV does
 *     .workdir("/app")
 *     .user("1000:1000")
 *     .entrypoint(List.of("/opt/deps/bin/run"))
 *     .label("org.opencontainers.image.version", "1.4.2")
 *     .build();
 * BakedImage image = baker.bake(registryBase, "3.19", registryTarget, "1.4.2");
 * }</pre>
 *
 * <p>A multi-platform base (an index) gives a multi-platform image: every platform is baked (or those
 * named with {@link Builder#platform}), and an index of the results is pushed. Layers whose sources are
 * the same for every platform are built once and uploaded once. Naming a single platform of an index
 * gives a single image, as does an index holding one image.
 *
 * <p>What the new image is:
 * <ul>
 *   <li>the base's layers, then one new tar+gzip layer per {@link LayerSource}, reproducible for a
 *       directory (see {@link LayerSource});
 *   <li>the base's config with each new layer's diff_id (sha256 of its uncompressed tar, computed in the
 *       same pass as the compressed digest) appended to {@code rootfs.diff_ids}, a history entry per
 *       layer, and the labels, env, entrypoint/cmd and creation time given here; every other config
 *       field is kept as it was;
 *   <li>a manifest of the base's family: a Docker v2.2 base gives a Docker manifest and Docker layer
 *       media type, an OCI base an OCI manifest with {@code org.opencontainers.image.base.digest} (and
 *       {@code base.name} when given) annotations plus any {@link Annotations}.
 * </ul>
 *
 * <p>The base's layers are never downloaded to be uploaded again: blobs the target already has are
 * skipped; when base and target are repositories on the same registry (or {@link Builder#mountFrom}
 * names a sibling repository holding them) they are mounted; otherwise they stream from base to
 * target, never through memory or disk. Without a {@code created} time
 * the base's is kept, so baking the same inputs twice gives the same digest.
 *
 * <p>Instances are immutable and may be reused.
 */
public final class ImageBaker {
  /** Image-spec annotation: the name of the image this one is based on. */
  public static final String ANNOTATION_BASE_NAME = "org.opencontainers.image.base.name";
  /** Image-spec annotation: the digest of the image this one is based on. */
  public static final String ANNOTATION_BASE_DIGEST = "org.opencontainers.image.base.digest";
  /** Configs are small; this cap only stops a hostile base from filling memory. */
  private static final long MAX_CONFIG_BYTES = 8L * 1024 * 1024;

  private final ImageRecipe recipe;
  private final List<Platform> platforms;
  private final @Nullable Instant created;
  private final Annotations annotations;
  private final @Nullable String baseName;
  private final @Nullable String mountFrom;
  private final Path tempDir;
  private final CopyOptions copyOptions;
  private final @Nullable BlobTransferListener listener;

  private ImageBaker(Builder b, ImageRecipe recipe) {
    this.recipe = recipe;
    this.platforms = List.copyOf(new LinkedHashSet<>(b.platforms));
    this.created = b.created;
    this.annotations = b.annotations;
    this.baseName = b.baseName;
    this.mountFrom = b.mountFrom;
    this.tempDir = b.tempDir;
    this.copyOptions = b.copyOptions;
    this.listener = b.listener;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** A baker whose layers and config changes come from {@code recipe} (the Dockerfile builder's route). */
  static ImageBaker withRecipe(Builder settings, ImageRecipe recipe) {
    return new ImageBaker(settings, recipe);
  }

  /**
   * Builds the new image on {@code baseRef} in {@code base} and pushes it to {@code target}, tagged
   * {@code tag} (or untagged when null).
   *
   * @throws NoMatchingPlatformException when the base is an index without an image for a platform asked
   *     for, listing the platforms it has
   * @throws IllegalArgumentException when the base config is not an image config or disagrees with its
   *     manifest
   */
  public BakedImage bake(ReadOnlyTarget base, String baseRef, Target target, String tag) throws IOException {
    Descriptor root = base.resolve(baseRef);
    List<Descriptor> images = BaseImages.select(base, root, platforms);
    OverlayStorage content = new OverlayStorage(base);
    Map<LayerSource, BuiltLayer> built = new HashMap<>();
    try {
      List<BakedImage> baked = new ArrayList<>();
      for (Descriptor image : images) {
        baked.add(bakeOne(base, root, image, content, built));
      }
      BakedImage result;
      if (images.size() == 1 && images.get(0).platform() == null) {
        result = baked.get(0);
      } else {
        result = index(base, root, baked, content);
      }
      Copier.copyGraph(content, target, result.manifest(), BakeCopies.of(copyOptions, mountFrom, listener, base, target, content));
      if (tag != null) {
        target.tag(result.manifest(), tag);
      }
      return result;
    } finally {
      for (BuiltLayer layer : built.values()) {
        layer.close();
      }
    }
  }

  private BakedImage bakeOne(ReadOnlyTarget base, Descriptor root, Descriptor baseManifestDesc,
      OverlayStorage content, Map<LayerSource, BuiltLayer> built) throws IOException {
    EncodedManifest encodedBase = Contents.fetchManifest(base, baseManifestDesc.withPlatform(null));
    Manifest baseManifest = encodedBase.manifest();
    if (baseManifest.config() == null) {
      throw new IllegalArgumentException(baseManifestDesc.brief() + " has no config: not an image");
    }
    boolean docker = MediaTypes.DOCKER_MANIFEST.equals(encodedBase.mediaType());
    String layerType = docker ? MediaTypes.DOCKER_LAYER : MediaTypes.OCI_LAYER_TAR_GZIP;

    byte[] baseConfig = Contents.fetchAll(base, baseManifest.config(), MAX_CONFIG_BYTES);
    ImageConfigEditor config = ImageConfigEditor.parse(baseConfig, baseManifest.config().digest(),
        baseManifest.layers().size());
    Platform platform = baseManifestDesc.platform() != null ? baseManifestDesc.platform()
        : new Platform(config.text("architecture"), config.text("os"), null, null, config.text("variant"), null);
    ImageRecipe.Plan plan = recipe.plan(new ImageRecipe.Base(config.env(), config.configText("WorkingDir"),
        config.configArray("Shell"), platform, Objects.requireNonNullElse(config.configArray("OnBuild"), List.of())));
    ConfigChanges changes = plan.changes();

    List<Descriptor> added = new ArrayList<>();
    List<Digest> diffIds = new ArrayList<>();
    for (ImageRecipe.Step step : plan.steps()) {
      LayerSource source = step.layer();
      if (source == null) {
        config.addEmptyHistory(step.createdBy(), created);
        continue;
      }
      BuiltLayer layer = built.get(source);
      if (layer == null) {
        layer = LayerBuilder.build(source, tempDir);
        built.put(source, layer);
      }
      config.addLayer(layer.diffId(), new ConfigChanges.HistoryEntry(
          step.createdBy() != null ? step.createdBy() : source.describe(), null), created);
      Descriptor blob = layer.descriptor(layerType);
      content.addFile(blob, layer.file());
      added.add(blob);
      diffIds.add(layer.diffId());
    }
    byte[] configBytes = config.apply(changes).toBytes();
    Descriptor configDesc = Descriptor.of(baseManifest.config().mediaType(), configBytes);
    List<Descriptor> allLayers = new ArrayList<>(baseManifest.layers());
    allLayers.addAll(added);
    Manifest manifest = new Manifest(2, encodedBase.mediaType(), null, configDesc, allLayers, null,
        docker ? null : manifestAnnotations(root));
    EncodedManifest encoded = EncodedManifest.of(manifest);
    content.addBytes(configDesc, configBytes).addBytes(encoded.descriptor(), encoded.bytes());
    Descriptor pushed = baseManifestDesc.platform() == null ? encoded.descriptor()
        : encoded.descriptor().withPlatform(baseManifestDesc.platform());
    return new BakedImage(pushed, configDesc, added, diffIds, baseManifestDesc.withPlatform(null));
  }

  /** An index like the base's (same media type) listing the baked images with their platforms. */
  private BakedImage index(ReadOnlyTarget base, Descriptor root, List<BakedImage> baked, OverlayStorage content)
      throws IOException {
    Index baseIndex = Contents.fetchManifest(base, root).index();
    List<Descriptor> entries = new ArrayList<>();
    Map<Digest, Descriptor> layers = new LinkedHashMap<>();
    Map<Digest, Digest> diffIds = new LinkedHashMap<>();
    for (BakedImage image : baked) {
      entries.add(image.manifest());
      for (int i = 0; i < image.addedLayers().size(); i++) {
        layers.putIfAbsent(image.addedLayers().get(i).digest(), image.addedLayers().get(i));
        diffIds.putIfAbsent(image.addedLayers().get(i).digest(), image.addedDiffIds().get(i));
      }
    }
    boolean docker = MediaTypes.DOCKER_MANIFEST_LIST.equals(baseIndex.mediaType());
    Index index = new Index(2, baseIndex.mediaType(), null, entries, null,
        docker ? null : manifestAnnotations(root));
    EncodedManifest encoded = EncodedManifest.of(index);
    content.addBytes(encoded.descriptor(), encoded.bytes());
    return new BakedImage(encoded.descriptor(), null, List.copyOf(layers.values()), List.copyOf(diffIds.values()),
        root, baked);
  }

  private Map<String, String> manifestAnnotations(Descriptor baseRoot) {
    Map<String, String> a = new LinkedHashMap<>();
    if (created != null) {
      a.put(Descriptor.ANNOTATION_CREATED, DateTimeFormatter.ISO_INSTANT.format(created));
    }
    if (baseName != null) {
      a.put(ANNOTATION_BASE_NAME, baseName);
    }
    a.put(ANNOTATION_BASE_DIGEST, baseRoot.digest().toString());
    return annotations.mergeInto(a);
  }

  /** The recipe of {@code berth image append}: the builder's layers and config values. */
  private static ImageRecipe appendRecipe(Builder b) {
    Map<String, String> labels = new LinkedHashMap<>(b.labels);
    // ghcr.io reads these from image labels too (the LABEL route its docs describe for images).
    labels.putAll(b.annotations.toMap());
    return AppendRecipe.of(b.layers, new ConfigChanges(labels, new LinkedHashMap<>(b.env), b.entrypoint, b.cmd,
        b.created, b.workdir, b.user, b.exposedPorts, b.volumes, b.stopSignal, b.healthcheck, null));
  }

  /** Configures an {@link ImageBaker}. Not thread-safe. */
  public static final class Builder {
    private final List<LayerSource> layers = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Platform> platforms = new ArrayList<>();
    private final List<String> exposedPorts = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private @Nullable List<String> entrypoint;
    private @Nullable List<String> cmd;
    private @Nullable String workdir;
    private @Nullable String user;
    private @Nullable String stopSignal;
    private @Nullable Healthcheck healthcheck;
    private @Nullable Instant created;
    private Annotations annotations = Annotations.none();
    private @Nullable String baseName;
    private @Nullable String mountFrom;
    private Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));
    private CopyOptions copyOptions = CopyOptions.defaults();
    private @Nullable BlobTransferListener listener;

    private Builder() {}

    /** Adds a layer on top of the base's (and of layers added before). */
    public Builder layer(LayerSource source) {
      layers.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    /**
     * A platform to take from a multi-platform base; repeatable. None bakes every platform of an
     * index; one gives a single image; several give an index of those. Ignored for a single image.
     */
    public Builder platform(@Nullable Platform value) {
      if (value != null && !platforms.contains(value)) {
        platforms.add(value);
      }
      return this;
    }

    /** Adds or replaces a config label. */
    public Builder label(String key, String value) {
      labels.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Adds or replaces config labels. */
    public Builder labels(Map<String, String> values) {
      values.forEach(this::label);
      return this;
    }

    /**
     * Sets an environment variable, replacing the base's value of the same name. {@code $VAR},
     * {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:+alt}} in the value are replaced from the
     * base's environment and the variables set before, as Docker's ENV does ({@code \$} keeps a
     * literal {@code $}).
     */
    public Builder env(String name, String value) {
      if (name == null || name.isEmpty() || name.contains("=")) {
        throw new IllegalArgumentException("environment variable name \"" + name + "\" is empty or contains '='");
      }
      env.put(name, Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets the entrypoint; unless {@link #cmd} is also given, the base's cmd is dropped as Docker does. */
    public Builder entrypoint(List<String> args) {
      this.entrypoint = List.copyOf(args);
      return this;
    }

    /** Sets the default command (or arguments to the entrypoint). */
    public Builder cmd(List<String> args) {
      this.cmd = List.copyOf(args);
      return this;
    }

    /** The working directory of the container's process (Docker's WORKDIR); an absolute path. */
    public Builder workdir(String path) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("the working directory must be an absolute path: " + path);
      }
      this.workdir = path;
      return this;
    }

    /** The user the process runs as: {@code NAME}, {@code UID}, {@code UID:GID} or {@code NAME:GROUP}. */
    public Builder user(String value) {
      if (value == null || value.isBlank() || value.chars().anyMatch(c -> c < 0x20 || c == ' ')) {
        throw new IllegalArgumentException("user \"" + value + "\" is empty or contains a space or control character");
      }
      this.user = value;
      return this;
    }

    /** Records a port the image listens on: {@code 8080}, {@code 8080/tcp} or {@code 53/udp}. */
    public Builder expose(String port) {
      exposedPorts.add(ConfigValues.port(port));
      return this;
    }

    /** Records a path as a volume (Docker's VOLUME). */
    public Builder volume(String path) {
      if (path == null || !path.startsWith("/")) {
        throw new IllegalArgumentException("a volume must be an absolute path: " + path);
      }
      volumes.add(path);
      return this;
    }

    /** The signal that stops the container: {@code SIGTERM}, {@code SIGINT}, {@code 9}. */
    public Builder stopSignal(String signal) {
      this.stopSignal = ConfigValues.stopSignal(signal);
      return this;
    }

    /** The health check (Docker's HEALTHCHECK); {@link Healthcheck#none()} disables the base's. */
    public Builder healthcheck(Healthcheck value) {
      this.healthcheck = Objects.requireNonNull(value, "healthcheck");
      return this;
    }

    /** The creation time of the image and of its new history entries; the base's is kept otherwise. */
    public Builder created(Instant time) {
      this.created = time;
      return this;
    }

    /** Package annotations (source, description, licenses) for the manifest and, as labels, the config. */
    public Builder annotations(Annotations value) {
      this.annotations = Objects.requireNonNull(value, "annotations");
      return this;
    }

    /** The base's name for the {@code org.opencontainers.image.base.name} annotation (OCI bases). */
    public Builder baseName(String name) {
      this.baseName = name;
      return this;
    }

    /**
     * A repository on the target's registry that holds the base's blobs; blobs the target lacks are
     * mounted from it instead of copied. Only needed when the base is not itself a repository on the
     * target's registry (then its name is used without asking), e.g. a base read from a layout whose
     * blobs were pushed to that registry before. Only used when the target is a {@link
     * dev.berth.core.content.Mounter}.
     */
    public Builder mountFrom(String repository) {
      this.mountFrom = repository;
      return this;
    }

    /** Where the compressed layer is staged before its digest is known; the system temp dir by default. */
    public Builder tempDir(Path dir) {
      this.tempDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** Hears how each blob reached the target (besides any listener in {@link #copyOptions}). */
    public Builder listener(BlobTransferListener value) {
      this.listener = Objects.requireNonNull(value, "listener");
      return this;
    }

    /**
     * How the image is copied to the target: concurrency, executor, and a {@link CopyListener} that
     * hears which blobs were skipped (already there), mounted or transferred. Its platform and
     * referrer settings are not used; {@link #mountFrom} is tried before its mount sources.
     */
    public Builder copyOptions(CopyOptions value) {
      this.copyOptions = Objects.requireNonNull(value, "copyOptions").newBuilder()
          .platform(null).includeReferrers(false).build();
      return this;
    }

    /**
     * The baker. A bake without layers changes only the config (as a Dockerfile of ENV and CMD lines
     * does).
     */
    public ImageBaker build() {
      return new ImageBaker(this, appendRecipe(this));
    }

  }
}
