package dev.berth.core;

import java.util.List;
import java.util.regex.Pattern;

/** Media types of the OCI image-spec v1.1, Docker image manifest v2.2, Helm and wasm artifacts. */
public final class MediaTypes {
  private MediaTypes() {}

  // RFC 6838 section 4.2 restricted-name, type "/" subtype, then optional "; name=value" parameters;
  // no control characters anywhere, since a media type may travel as an HTTP header.
  private static final String NAME = "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}";
  private static final Pattern SYNTAX = Pattern.compile(
      NAME + "/" + NAME + "( *; *" + NAME + "=(\"[^\"\\x00-\\x1F\\x7F]*\"|[A-Za-z0-9!#$&^_.+-]+))*");

  // OCI image-spec v1.1 (media-types.md)
  /** An OCI image manifest (image-spec manifest.md): a config, ordered layers, optional subject. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  /** An OCI image index (image-spec image-index.md): a list of manifests, usually one per platform. */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  /** An OCI image configuration (image-spec config.md): platform, runtime defaults, rootfs diff IDs, history. */
  public static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
  /** The OCI layout header (image-spec image-layout.md): the JSON of a layout's {@code oci-layout} file. */
  public static final String OCI_LAYOUT_HEADER = "application/vnd.oci.layout.header.v1+json";
  /** An OCI image layer as an uncompressed tar archive (image-spec layer.md); also oras's default file type. */
  public static final String OCI_LAYER_TAR = "application/vnd.oci.image.layer.v1.tar";
  /** An OCI image layer as a gzip-compressed tar archive (image-spec layer.md). */
  public static final String OCI_LAYER_TAR_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
  /** An OCI image layer as a zstd-compressed tar archive (image-spec layer.md). */
  public static final String OCI_LAYER_TAR_ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
  /** The empty descriptor's type: content {@code {}}, see {@link Descriptor#EMPTY_JSON}. */
  public static final String OCI_EMPTY = "application/vnd.oci.empty.v1+json";

  // Docker image manifest v2, schema 2
  /** A Docker image manifest, schema 2: the predecessor of {@link #OCI_MANIFEST}, still common on registries. */
  public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  /** A Docker manifest list, schema 2: the predecessor of {@link #OCI_INDEX}, one manifest per platform. */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";
  /** A Docker container image configuration, the config of a {@link #DOCKER_MANIFEST} image. */
  public static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
  /** A Docker image layer: a gzip-compressed tar archive. */
  public static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  /**
   * A Docker foreign layer: a gzip-compressed tar that registries do not store, fetched from the
   * descriptor's {@code urls} instead (Windows base layers).
   */
  public static final String DOCKER_FOREIGN_LAYER =
      "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";

  // Helm (Helm's pkg/registry constants)
  /** A Helm chart's config blob: the chart's {@code Chart.yaml} metadata as JSON. */
  public static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";
  /** A Helm chart layer: the packaged chart, the {@code .tgz} that {@code helm package} writes. */
  public static final String HELM_CHART_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
  /** A Helm provenance layer: the chart's signed {@code .prov} file, when the chart was signed. */
  public static final String HELM_CHART_PROVENANCE = "application/vnd.cncf.helm.chart.provenance.v1.prov";

  // CNCF TAG Runtime wasm OCI artifact layout
  /**
   * The config of a wasm OCI artifact: JSON with the creation time, architecture {@code wasm}, os
   * {@code wasip1} or {@code wasip2}, the layer digests and, for a component, its imports and exports.
   */
  public static final String WASM_CONFIG = "application/vnd.wasm.config.v0+json";
  /** The one layer of a wasm OCI artifact: a WebAssembly core module or component binary. */
  public static final String WASM_LAYER = "application/wasm";

  // oras placeholders for content of no registered type
  /** oras's artifact type when none is given (oras-go {@code MediaTypeUnknownArtifact}). */
  public static final String UNKNOWN_ARTIFACT = "application/vnd.unknown.artifact.v1";
  /** oras's config media type when none is given on an image-spec 1.0 push (oras-go {@code MediaTypeUnknownConfig}). */
  public static final String UNKNOWN_CONFIG = "application/vnd.unknown.config.v1+json";
  /**
   * A layer type for content of no particular kind, in the style of the two above. Not an oras default:
   * oras gives files {@link #OCI_LAYER_TAR}, and so does berth.
   */
  public static final String UNKNOWN_LAYER = "application/vnd.unknown.layer.v1";

  /** The Accept list for manifest GET and HEAD: every manifest kind berth understands. */
  public static final List<String> MANIFEST_ACCEPT =
      List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST);

  /** Whether {@code mediaType} names an image manifest (OCI or Docker v2.2). */
  public static boolean isManifest(String mediaType) {
    return OCI_MANIFEST.equals(mediaType) || DOCKER_MANIFEST.equals(mediaType);
  }

  /** Whether {@code mediaType} names an index (OCI index or Docker manifest list). */
  public static boolean isIndex(String mediaType) {
    return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
  }

  /** Whether content of this type is a manifest or index, i.e. a graph node that may have children. */
  public static boolean isManifestOrIndex(String mediaType) {
    return isManifest(mediaType) || isIndex(mediaType);
  }

  /** Whether {@code value} has the syntax of a media type (RFC 6838), which image-spec requires. */
  public static boolean isValid(String value) {
    return value != null && SYNTAX.matcher(value).matches();
  }

  /**
   * Returns {@code value} when it is a media type (RFC 6838 syntax). Checked before anything is pushed,
   * because a registry, or a later reader, may refuse anything else only once it is stored.
   *
   * @param what what the value is (an option, a field), for the error
   * @throws IllegalArgumentException naming {@code what} and the value when it is not a media type
   */
  public static String check(String value, String what) {
    if (!isValid(value)) {
      throw new IllegalArgumentException(what + " \"" + value + "\" is not a media type (TYPE/SUBTYPE, as in"
          + " application/vnd.example.sbom+json)");
    }
    return value;
  }
}
