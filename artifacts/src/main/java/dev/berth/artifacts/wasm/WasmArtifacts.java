package dev.berth.artifacts.wasm;

import dev.berth.artifacts.archive.StagingDirectory;
import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Index;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import dev.berth.core.UnsupportedException;
import dev.berth.core.content.Contents;
import dev.berth.core.content.ReadOnlyTarget;
import dev.berth.core.content.Target;
import dev.berth.core.content.TransferRetries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * WebAssembly modules and components as OCI artifacts, in the CNCF TAG Runtime wasm OCI artifact layout:
 * an OCI image manifest whose config is {@code application/vnd.wasm.config.v0+json} ({@link WasmConfig}:
 * created, author, architecture {@code wasm}, os {@code wasip1} or {@code wasip2} from the binary's
 * preamble, the layer digests and, for components, their imports and exports) and whose one layer is the
 * binary ({@code application/wasm}).
 *
 * <p>Pull also reads the layouts older tools wrote (see {@link WasmLayout}) and refuses a layer that is
 * not WebAssembly, writing nothing.
 */
public final class WasmArtifacts {
  /** wasm-to-oci's config type. */
  public static final String WASM_TO_OCI_CONFIG = "application/vnd.wasm.config.v1+json";
  private static final long MAX_CONFIG_BYTES = 4L << 20;

  private WasmArtifacts() {}

  /**
   * Pushes {@code wasmFile} and a manifest for it, tagged {@code tagOrNull} when not null.
   *
   * @throws InvalidWasmException when the file is neither a core module nor a component
   */
  public static WasmPushResult push(Target target, Path wasmFile, WasmPushOptions options, String tagOrNull)
      throws IOException {
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
    Contents.pushManifest(target, encoded, tagOrNull);
    return new WasmPushResult(encoded.descriptor(), config, layer, kind);
  }

  /**
   * Pulls the wasm binary {@code reference} names to {@code outputFile}, all or nothing. An index is
   * followed to its manifest for the {@code wasm} architecture or a {@code wasip1}/{@code wasip2} os.
   *
   * @throws UnsupportedException when the artifact is not a wasm artifact in a layout berth knows, or a
   *     CNCF artifact does not have exactly one {@code application/wasm} layer
   * @throws InvalidWasmException when the layer's bytes are not WebAssembly (nothing is written)
   * @throws java.nio.file.FileAlreadyExistsException when the file exists and {@code overwrite} is false
   */
  public static PulledWasm pull(ReadOnlyTarget source, String reference, Path outputFile, boolean overwrite)
      throws IOException {
    Path target = outputFile.toAbsolutePath().normalize();
    StagingDirectory.checkFileCanLand(target.getParent(), target.getFileName().toString(), overwrite); // first
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
    String configType = m.config() == null ? null : m.config().mediaType();
    Descriptor layer;
    WasmLayout layout;
    WasmConfig config = null;
    if (MediaTypes.WASM_CONFIG.equals(configType)) {
      // The CNCF layout: the spec requires exactly one layer, of type application/wasm.
      if (m.layers().size() != 1 || !MediaTypes.WASM_LAYER.equals(m.layers().get(0).mediaType())) {
        throw new UnsupportedException(reference + " has config " + MediaTypes.WASM_CONFIG
            + " but not exactly one " + MediaTypes.WASM_LAYER + " layer (found " + m.layers().size() + " layers)");
      }
      layer = m.layers().get(0);
      layout = WasmLayout.CNCF;
      config = WasmConfig.parse(Contents.fetchAll(source, m.config(), MAX_CONFIG_BYTES));
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
    Path parent = target.toAbsolutePath().getParent();
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

  private static WasmLayout layoutOf(String mediaType) {
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
