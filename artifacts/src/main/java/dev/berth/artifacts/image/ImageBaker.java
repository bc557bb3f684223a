package dev.berth.artifacts.image;

import dev.berth.artifacts.Annotations;
import dev.berth.artifacts.image.internal.BakeEvents;
import dev.berth.artifacts.image.internal.BuiltLayer;
import dev.berth.artifacts.image.internal.ConfigChanges;
import dev.berth.artifacts.image.internal.ImageConfigEditor;
import dev.berth.artifacts.image.internal.LayerBuilder;
import dev.berth.artifacts.image.internal.OverlayStorage;
import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Platform;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.copy.CopyListener;
import dev.berth.core.copy.CopyOptions;
import dev.berth.core.copy.Copier;
import dev.berth.core.remote.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Bakes files into a new image on top of a base image, the way people build base images with their
 * dependencies inside, without a container runtime: {@code berth image append BASE TARGET --layer DIR}.
 *
 * <pre>{@code
 * ImageBaker baker = ImageBaker.builder()
 *     .platform(Platform.parse("linux/amd64"))           // when the base is a multi-platform index
 *     .layer(LayerSource.directory(Path.of("build/app"), "/opt/app"))
 *     .env("PATH", "/opt/app/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")
 *     .entrypoint(List.of("/opt/app/bin/run"))
 *     .label("org.opencontainers.image.version", "1.4.2")
 *     .build();
 * BakedImage image = baker.bake(registryBase, "3.19", registryTarget, "1.4.2");
 * }</pre>
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

  private final List<LayerSource> layers;
  private final Platform platform;
  private final ConfigChanges changes;
  private final Annotations annotations;
  private final String baseName;
  private final String mountFrom;
  private final Path tempDir;
  private final CopyOptions copyOptions;
  private final BlobTransferListener listener;

  private ImageBaker(Builder b) {
    this.layers = List.copyOf(b.layers);
    this.platform = b.platform;
    Map<String, String> labels = new LinkedHashMap<>(b.labels);
    // ghcr.io reads these from image labels too (the LABEL route its docs describe for images).
    labels.putAll(b.annotations.toMap());
    this.changes = new ConfigChanges(labels, b.env, b.entrypoint, b.cmd, b.created);
    this.annotations = b.annotations;
    this.baseName = b.baseName;
    this.mountFrom = b.mountFrom;
    this.tempDir = b.tempDir;
    this.copyOptions = b.copyOptions;
    this.listener = b.listener;
  }

  /** A builder; at least one layer is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds the new image on {@code baseRef} in {@code base} and pushes it to {@code target}, tagged
   * {@code tag} (or untagged when null).
   *
   * @throws NoMatchingPlatformException when the base is an index without an image for the platform
   * @throws IllegalArgumentException when the base config is not an image config or disagrees with its
   *     manifest
   */
  public BakedImage bake(ReadOnlyTarget base, String baseRef, Target target, String tag) throws IOException {
    Descriptor root = base.resolve(baseRef);
    Descriptor baseManifestDesc = PlatformSelector.selectImage(base, root, platform);
    EncodedManifest encodedBase = Contents.fetchManifest(base, baseManifestDesc);
    Manifest baseManifest = encodedBase.manifest();
    if (baseManifest.config() == null) {
      throw new IllegalArgumentException(baseManifestDesc.brief() + " has no config: not an image");
    }
    boolean docker = MediaTypes.DOCKER_MANIFEST.equals(encodedBase.mediaType());
    String layerType = docker ? MediaTypes.DOCKER_LAYER : MediaTypes.OCI_LAYER_TAR_GZIP;

    byte[] baseConfig = Contents.fetchAll(base, baseManifest.config(), MAX_CONFIG_BYTES);
    ImageConfigEditor config = ImageConfigEditor.parse(baseConfig, baseManifest.config().digest(),
        baseManifest.layers().size());

    List<BuiltLayer> built = new ArrayList<>();
    try {
      for (LayerSource source : layers) {
        BuiltLayer layer = LayerBuilder.build(source, tempDir);
        built.add(layer);
        config.addLayer(layer.diffId(), new ConfigChanges.HistoryEntry(source.describe(), null), changes.created());
      }
      byte[] configBytes = config.apply(changes).toBytes();
      Descriptor configDesc = Descriptor.of(baseManifest.config().mediaType(), configBytes);

      List<Descriptor> allLayers = new ArrayList<>(baseManifest.layers());
      List<Descriptor> added = new ArrayList<>();
      List<Digest> diffIds = new ArrayList<>();
      for (BuiltLayer layer : built) {
        added.add(layer.descriptor(layerType));
        diffIds.add(layer.diffId());
      }
      allLayers.addAll(added);
      Manifest manifest = new Manifest(2, encodedBase.mediaType(), null, configDesc, allLayers, null,
          docker ? null : manifestAnnotations(root));
      EncodedManifest encoded = EncodedManifest.of(manifest);

      OverlayStorage content = new OverlayStorage(base)
          .addBytes(configDesc, configBytes)
          .addBytes(encoded.descriptor(), encoded.bytes());
      for (int i = 0; i < built.size(); i++) {
        content.addFile(added.get(i), built.get(i).file());
      }
      CopyOptions options = copyOptions;
      String baseRepository = mountFrom != null ? mountFrom : sameRegistryRepository(base, target);
      if (baseRepository != null) {
        List<String> sources = new ArrayList<>(copyOptions.mountFrom());
        sources.add(0, baseRepository);
        options = copyOptions.newBuilder().mountFrom(sources).build();
      }
      if (listener != null) {
        options = options.newBuilder().listener(new BakeEvents(options.listener(), listener, content)).build();
      }
      Copier.copyGraph(content, target, encoded.descriptor(), options);
      if (tag != null) {
        target.tag(encoded.descriptor(), tag);
      }
      return new BakedImage(encoded.descriptor(), configDesc, added, diffIds, baseManifestDesc);
    } finally {
      for (BuiltLayer layer : built) {
        layer.close();
      }
    }
  }

  /**
   * The base's repository when base and target are repositories on one registry: the copy's source is
   * the overlay of base and new layers, not a repository, so the copy cannot see that itself.
   */
  private static String sameRegistryRepository(ReadOnlyTarget base, Target target) {
    return base instanceof Repository b && target instanceof Repository t && b.host().equals(t.host())
        && !b.name().equals(t.name()) ? b.name() : null;
  }

  private Map<String, String> manifestAnnotations(Descriptor baseRoot) {
    Map<String, String> a = new LinkedHashMap<>();
    if (changes.created() != null) {
      a.put(Descriptor.ANNOTATION_CREATED, DateTimeFormatter.ISO_INSTANT.format(changes.created()));
    }
    if (baseName != null) {
      a.put(ANNOTATION_BASE_NAME, baseName);
    }
    a.put(ANNOTATION_BASE_DIGEST, baseRoot.digest().toString());
    return annotations.mergeInto(a);
  }

  /** Configures an {@link ImageBaker}. Not thread-safe. */
  public static final class Builder {
    private final List<LayerSource> layers = new ArrayList<>();
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private Platform platform;
    private List<String> entrypoint;
    private List<String> cmd;
    private Instant created;
    private Annotations annotations = Annotations.none();
    private String baseName;
    private String mountFrom;
    private Path tempDir = Path.of(System.getProperty("java.io.tmpdir"));
    private CopyOptions copyOptions = CopyOptions.defaults();
    private BlobTransferListener listener;

    private Builder() {}

    /** Adds a layer on top of the base's (and of layers added before). */
    public Builder layer(LayerSource source) {
      layers.add(Objects.requireNonNull(source, "source"));
      return this;
    }

    /** The platform to take from a multi-platform base; not needed for a single image. */
    public Builder platform(Platform value) {
      this.platform = value;
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

    /** Sets an environment variable, replacing the base's value of the same name. */
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
     * The baker.
     *
     * @throws IllegalStateException when no layer was added
     */
    public ImageBaker build() {
      if (layers.isEmpty()) {
        throw new IllegalStateException("an image bake needs at least one layer");
      }
      return new ImageBaker(this);
    }
  }
}
