package dev.berth.artifacts.wasm;

import dev.berth.artifacts.archive.StagingDirectory;
import dev.berth.artifacts.internal.OneCall;
import dev.berth.artifacts.internal.OperationProgress;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.Reference;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.content.TransferRetries;
import dev.berth.core.remote.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * WebAssembly modules and components as OCI artifacts, in the CNCF TAG Runtime wasm OCI artifact layout:
 * an OCI image manifest whose config is {@code application/vnd.wasm.config.v0+json} ({@link WasmConfig}:
 * created, author, architecture {@code wasm}, os {@code wasip1} or {@code wasip2} from the binary's
 * preamble, the layer digests and, for components, their imports and exports) and whose one layer is the
 * binary ({@code application/wasm}).
 *
 * <p>Pull also reads the layouts older tools wrote (see {@link WasmLayout}) and refuses a layer that is
 * not WebAssembly, writing nothing.
 *
 * <p>Both work on any {@link Target}; for a registry, each also takes a {@link Reference} in one call,
 * with a client built from the default credentials ({@link #push(Reference, Path)}, {@link
 * #pull(Reference, Path)}) or with a client of your own ({@link #push(RegistryClient, Reference, Path,
 * WasmPushOptions)}):
 *
 * <pre>{@code
 * Reference ref = Reference.parse("ghcr.io/octo/add:1.0.0");
 * WasmArtifacts.push(ref, Path.of("add.wasm"));
 * PulledWasm pulled = WasmArtifacts.pull(ref, Path.of("pulled.wasm"));
 * }</pre>
 */
public final class WasmArtifacts {
  /** wasm-to-oci's config type. */
  public static final String WASM_TO_OCI_CONFIG = "application/vnd.wasm.config.v1+json";
  private static final long MAX_CONFIG_BYTES = 4L << 20;

  private WasmArtifacts() {}

  /**
   * Pushes {@code wasmFile} with the {@link WasmPushOptions#defaults() default options} to the registry
   * repository {@code ref} names, tagged with its tag (untagged when it has none), in one call: the
   * client is the one the CLI uses without flags, https with the default credential chain (docker's
   * config.json and its credential helpers, podman's and Helm's logins, then {@code GITHUB_TOKEN}). It
   * shares berth's process-wide connection pool, so nothing is left open to close. For plain HTTP, an
   * own CA, proxy or OkHttp client, use {@link #push(RegistryClient, Reference, Path, WasmPushOptions)}.
   *
   * @throws IllegalArgumentException when {@code ref} holds a digest (a push's digest is computed from
   *     its content)
   * @throws InvalidWasmException when the file is neither a core module nor a component
   * @throws IOException when the file cannot be read or the registry refuses (an {@link
   *     dev.berth.core.OciException} subtype says why)
   */
  public static WasmPushResult push(Reference ref, Path wasmFile) throws IOException {
    return push(ref, wasmFile, WasmPushOptions.defaults());
  }

  /**
   * As {@link #push(Reference, Path)} with these options.
   *
   * @throws IllegalArgumentException when {@code ref} holds a digest
   * @throws InvalidWasmException when the file is neither a core module nor a component
   * @throws IOException when the file cannot be read or the registry refuses
   */
  public static WasmPushResult push(Reference ref, Path wasmFile, WasmPushOptions options) throws IOException {
    return push(OneCall.defaultClient(), ref, wasmFile, options);
  }

  /**
   * Pushes {@code wasmFile} to the repository {@code ref} names through {@code client}, tagged with
   * {@code ref}'s tag (untagged when it has none): {@code push(client.repository(ref), wasmFile, options,
   * ref.tag())} after checking that {@code ref} holds no digest.
   *
   * @throws IllegalArgumentException when {@code ref} holds a digest
   * @throws InvalidWasmException when the file is neither a core module nor a component
   * @throws IOException when the file cannot be read or the registry refuses
   */
  public static WasmPushResult push(RegistryClient client, Reference ref, Path wasmFile, WasmPushOptions options)
      throws IOException {
    String tag = OneCall.tagToPush(ref);
    return push(client.repository(ref), wasmFile, options, tag);
  }

  /**
   * Pushes {@code wasmFile} and a manifest for it, tagged {@code tag} when not null.
   *
   * @throws InvalidWasmException when the file is neither a core module nor a component
   */
  public static WasmPushResult push(Target destination, Path wasmFile, WasmPushOptions options, @Nullable String tag)
      throws IOException {
    Target target = OperationProgress.on(destination, options.progressListener());
    WasmKind kind = WasmBinary.kind(wasmFile);
    Descriptor layer = Contents.describeFile(MediaTypes.WASM_LAYER, wasmFile)
        .withAnnotation(Descriptor.ANNOTATION_TITLE, wasmFile.getFileName().toString());
    WasmComponent component = null;
    if (kind == WasmKind.COMPONENT) {
      component = options.component() != null ? options.component()
          : ComponentInterfaces.read(wasmFile).orElse(null);
    }
    Instant created = options.created() != null ? options.created() : Instant.now();
    WasmConfig config = new WasmConfig(created.truncatedTo(ChronoUnit.SECONDS).toString(), options.author(),
        WasmConfig.ARCHITECTURE, kind.os(), List.of(layer.digest().toString()), component);
    byte[] configJson = config.toJson();
    Descriptor configDesc = Descriptor.of(MediaTypes.WASM_CONFIG, configJson);
    Contents.pushBytesIfAbsent(target, configDesc, configJson);
    Contents.pushFileIfAbsent(target, layer, wasmFile);
    Manifest m = new Manifest(2, MediaTypes.OCI_MANIFEST, null, configDesc, List.of(layer), null,
        options.annotations());
    EncodedManifest encoded = EncodedManifest.of(m);
    Contents.pushManifest(target, encoded, tag);
    return new WasmPushResult(encoded.descriptor(), config, layer, kind);
  }

  /**
   * Pulls the wasm binary {@code ref} names (its digest when it has one, else its tag) to {@code
   * outputFile} with the {@link WasmPullOptions#defaults() default options} (an existing file fails the
   * pull), in one call with a client built from the default credentials as {@link #push(Reference,
   * Path)} does.
   *
   * @throws IllegalArgumentException when {@code ref} names neither a tag nor a digest
   * @throws java.nio.file.FileAlreadyExistsException when the file exists (nothing is downloaded)
   * @throws UnsupportedException when the artifact is not a wasm artifact in a layout berth knows
   * @throws InvalidWasmException when the layer's bytes are not WebAssembly (nothing is written)
   * @throws IOException when the registry refuses or the content does not match its digest
   */
  public static PulledWasm pull(Reference ref, Path outputFile) throws IOException {
    return pull(ref, outputFile, WasmPullOptions.defaults());
  }

  /**
   * As {@link #pull(Reference, Path)} with these options.
   *
   * @throws IllegalArgumentException when {@code ref} names neither a tag nor a digest
   * @throws java.nio.file.FileAlreadyExistsException when the file exists and overwrite is off
   * @throws UnsupportedException when the artifact is not a wasm artifact in a layout berth knows
   * @throws InvalidWasmException when the layer's bytes are not WebAssembly (nothing is written)
   * @throws IOException when the registry refuses or the content does not match its digest
   */
  public static PulledWasm pull(Reference ref, Path outputFile, WasmPullOptions options) throws IOException {
    return pull(OneCall.defaultClient(), ref, outputFile, options);
  }

  /**
   * Pulls the wasm binary {@code ref} names (its digest when it has one, else its tag) to {@code
   * outputFile} through {@code client}: {@code pull(client.repository(ref), ref.reference(), outputFile,
   * options)} after checking that {@code ref} names something to pull.
   *
   * @throws IllegalArgumentException when {@code ref} names neither a tag nor a digest
   * @throws java.nio.file.FileAlreadyExistsException when the file exists and overwrite is off
   * @throws UnsupportedException when the artifact is not a wasm artifact in a layout berth knows
   * @throws InvalidWasmException when the layer's bytes are not WebAssembly (nothing is written)
   * @throws IOException when the registry refuses or the content does not match its digest
   */
  public static PulledWasm pull(RegistryClient client, Reference ref, Path outputFile, WasmPullOptions options)
      throws IOException {
    String reference = OneCall.toPull(ref);
    return pull(client.repository(ref), reference, outputFile, options);
  }

  /**
   * Pulls the wasm binary {@code reference} names to {@code outputFile}, all or nothing. An index is
   * followed to its manifest for the {@code wasm} architecture or a {@code wasip1}/{@code wasip2} os.
   *
   * @throws UnsupportedException when the artifact is not a wasm artifact in a layout berth knows, or a
   *     CNCF artifact does not have exactly one {@code application/wasm} layer
   * @throws InvalidWasmException when the layer's bytes are not WebAssembly (nothing is written)
   * @throws java.nio.file.FileAlreadyExistsException when the file exists and {@link
   *     WasmPullOptions#overwrite()} is false (checked before anything is downloaded)
   */
  public static PulledWasm pull(ReadOnlyTarget from, String reference, Path outputFile, WasmPullOptions options)
      throws IOException {
    ReadOnlyTarget source = OperationProgress.on(from, options.progressListener());
    boolean overwrite = options.overwrite();
    Path target = outputFile.toAbsolutePath().normalize();
    StagingDirectory.checkFileCanLand(StagingDirectory.parentOf(target), target.getFileName().toString(), overwrite); // first
    EncodedManifest encoded = Contents.fetchReference(source, reference); // one GET, no HEAD first
    Descriptor root = encoded.descriptor();
    if (encoded.isIndex()) {
      root = wasmEntry(encoded.index(), reference);
      encoded = Contents.fetchManifest(source, root);
    }
    if (!MediaTypes.isManifest(encoded.mediaType())) {
      throw new UnsupportedException(reference + " is a " + encoded.mediaType() + ", not a manifest");
    }
    Manifest m = encoded.manifest();
    Descriptor configDesc = m.config();
    String configType = configDesc == null ? null : configDesc.mediaType();
    Descriptor layer;
    WasmLayout layout;
    WasmConfig config = null;
    if (configDesc != null && MediaTypes.WASM_CONFIG.equals(configType)) {
      // The CNCF layout: the spec requires exactly one layer, of type application/wasm.
      if (m.layers().size() != 1 || !MediaTypes.WASM_LAYER.equals(m.layers().get(0).mediaType())) {
        throw new UnsupportedException(reference + " has config " + MediaTypes.WASM_CONFIG
            + " but not exactly one " + MediaTypes.WASM_LAYER + " layer (found " + m.layers().size() + " layers)");
      }
      layer = m.layers().get(0);
      layout = WasmLayout.CNCF;
      config = WasmConfig.parse(Contents.fetchAll(source, configDesc, MAX_CONFIG_BYTES));
    } else {
      List<Descriptor> wasm = m.layers().stream().filter(l -> layoutOf(l.mediaType()) != null).toList();
      if (wasm.isEmpty()) {
        throw new UnsupportedException(reference + " is not a wasm artifact: no layer of a wasm media type"
            + " (config " + configType + ")");
      }
      if (wasm.size() > 1) {
        throw new UnsupportedException(reference + " has " + wasm.size() + " wasm layers; pull it as files instead");
      }
      layer = wasm.get(0);
      layout = layoutOf(layer.mediaType());
    }
    Path parent = StagingDirectory.parentOf(target);
    // Before downloading, and before a staging directory is made beside the target.
    StagingDirectory.checkFileCanLand(parent, target.getFileName().toString(), overwrite);
    try (StagingDirectory staging = StagingDirectory.create(parent)) {
      Path staged = staging.newFile(target.getFileName().toString());
      TransferRetries.fetchTo(source, layer, staged);
      // Name what the user asked for, not the staging file.
      WasmKind kind = WasmBinary.kind(staged, "layer " + layer.digest() + " of " + reference);
      staging.commit(overwrite);
      return new PulledWasm(target, kind, config, layout, root, layer);
    }
  }

  private static @Nullable WasmLayout layoutOf(String mediaType) {
    for (WasmLayout l : WasmLayout.values()) {
      if (l.layerMediaType().equals(mediaType)) {
        return l;
      }
    }
    return null;
  }

  private static Descriptor wasmEntry(Index index, String reference) throws UnsupportedException {
    for (Descriptor d : index.manifests()) {
      if (d.platform() != null && (WasmConfig.ARCHITECTURE.equals(d.platform().architecture())
          || "wasip1".equals(d.platform().os()) || "wasip2".equals(d.platform().os())
          || "wasi".equals(d.platform().os()))) {
        return d;
      }
    }
    throw new UnsupportedException(reference + " is an index without a wasm entry");
  }
}
