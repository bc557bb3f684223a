package dev.berth.core;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.core.internal.Json;
import dev.berth.core.internal.ModelReader;
import dev.berth.core.internal.ModelWriter;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A manifest or index as exact bytes together with its descriptor. The digest of a manifest is of its
 * bytes, so berth moves manifests as these bytes and parses them only to read them: nothing re-serialises
 * a manifest that came from elsewhere.
 */
public final class EncodedManifest {
  private final Descriptor descriptor;
  private final byte[] bytes;
  /** The parsed manifest or index, once read: bytes are final, so one parse serves every caller. */
  private volatile @Nullable Object parsed;

  private EncodedManifest(Descriptor descriptor, byte[] bytes) {
    this.descriptor = descriptor;
    this.bytes = bytes;
  }

  /** Serialises a manifest berth built; the media type is the manifest's (OCI manifest if unset). */
  public static EncodedManifest of(Manifest manifest) {
    String mt = manifest.mediaType() != null ? manifest.mediaType() : MediaTypes.OCI_MANIFEST;
    // Only an explicit artifactType goes on the descriptor: an image's config type there makes tools that
    // rewrite indexes (skopeo 1.9) change the index digest.
    return wrap(mt, ModelWriter.manifest(manifest)).withArtifactType(manifest.artifactType());
  }

  /** Serialises an index berth built; the media type is the index's (OCI index if unset). */
  public static EncodedManifest of(Index index) {
    String mt = index.mediaType() != null ? index.mediaType() : MediaTypes.OCI_INDEX;
    return wrap(mt, ModelWriter.index(index)).withArtifactType(index.artifactType());
  }

  /**
   * Wraps bytes that are already final, computing their sha256 descriptor. When {@code mediaType} is
   * null it is read from the JSON's {@code mediaType} field.
   *
   * @throws IllegalArgumentException when no media type is given or found
   */
  public static EncodedManifest wrap(@Nullable String mediaType, byte[] bytes) {
    byte[] copy = bytes.clone();
    String mt = mediaType != null ? mediaType : detectMediaType(copy);
    return new EncodedManifest(Descriptor.of(mt, copy), copy);
  }

  /**
   * Wraps fetched bytes after checking they match {@code expected}'s size and digest.
   *
   * Bytes whose media type is a manifest or an index are parsed here too, so content from elsewhere that
   * does not parse is refused as it arrives ({@link InvalidContentException}) rather than later, from
   * {@link #manifest()} or {@link #index()}, as if the caller had erred.
   *
   * @throws DigestMismatchException or {@link SizeMismatchException} when they do not
   * @throws InvalidContentException when a manifest's or an index's bytes do not parse as one
   */
  public static EncodedManifest verified(Descriptor expected, byte[] bytes) throws OciException {
    if (bytes.length != expected.size()) {
      throw new SizeMismatchException(expected, bytes.length);
    }
    if (expected.digest().isVerifiable()) {
      Digest actual = Digest.compute(expected.digest().algorithm(), bytes, 0, bytes.length);
      if (!actual.equals(expected.digest())) {
        throw new DigestMismatchException(expected, actual);
      }
    }
    EncodedManifest m = new EncodedManifest(expected, bytes.clone());
    try {
      if (MediaTypes.isIndex(m.mediaType())) {
        m.index();
      } else if (MediaTypes.isManifest(m.mediaType())) {
        m.manifest();
      }
    } catch (IllegalArgumentException invalid) {
      throw new InvalidContentException(invalid.getMessage(), invalid);
    }
    return m;
  }

  /** The descriptor of these bytes. */
  public Descriptor descriptor() {
    return descriptor;
  }

  /** The media type, from the descriptor. */
  public String mediaType() {
    return descriptor.mediaType();
  }

  /** The digest of the bytes. */
  public Digest digest() {
    return descriptor.digest();
  }

  /** A copy of the exact bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The exact bytes as a stream. */
  public InputStream openStream() {
    return new ByteArrayInputStream(bytes);
  }

  /** Whether this is an index (OCI index or Docker manifest list). */
  public boolean isIndex() {
    return MediaTypes.isIndex(descriptor.mediaType());
  }

  /**
   * The parsed manifest.
   *
   * @throws IllegalArgumentException when the bytes are an index or not a manifest
   */
  public Manifest manifest() {
    if (isIndex()) {
      throw new IllegalArgumentException(descriptor.digest() + " is an index, not a manifest");
    }
    if (parsed instanceof Manifest m) {
      return m;
    }
    Manifest m = ModelReader.manifest(bytes, "manifest " + descriptor.digest());
    parsed = m;
    return m;
  }

  /**
   * The parsed index.
   *
   * @throws IllegalArgumentException when the bytes are not an index
   */
  public Index index() {
    if (!isIndex()) {
      throw new IllegalArgumentException(descriptor.digest() + " is a " + descriptor.mediaType()
          + ", not an index");
    }
    if (parsed instanceof Index i) {
      return i;
    }
    Index i = ModelReader.index(bytes, "index " + descriptor.digest());
    parsed = i;
    return i;
  }

  /**
   * The children a copy must move before this node: config then layers of a manifest, the manifests
   * of an index. The subject is not a child (referrers point at it; they do not own it).
   */
  public List<Descriptor> children() {
    if (isIndex()) {
      return index().manifests();
    }
    if (!MediaTypes.isManifest(descriptor.mediaType())) {
      return List.of();
    }
    Manifest m = manifest();
    List<Descriptor> out = new ArrayList<>(m.layers().size() + 1);
    if (m.config() != null) {
      out.add(m.config());
    }
    out.addAll(m.layers());
    return out;
  }

  /** A copy whose descriptor carries this artifact type (the bytes are unchanged). */
  public EncodedManifest withArtifactType(@Nullable String artifactType) {
    return new EncodedManifest(descriptor.withArtifactType(artifactType), bytes);
  }

  /** A copy whose descriptor carries these annotations (the bytes are unchanged). */
  public EncodedManifest withDescriptor(Descriptor sameContent) {
    if (!sameContent.sameContent(descriptor)) {
      throw new IllegalArgumentException("descriptor " + sameContent.digest() + " does not describe these bytes ("
          + descriptor.digest() + ")");
    }
    return new EncodedManifest(sameContent, bytes);
  }

  private static String detectMediaType(byte[] bytes) {
    JsonNode node = Json.read(bytes, JsonNode.class, "manifest");
    JsonNode mt = node.get("mediaType");
    if (mt != null && mt.isTextual()) {
      return mt.asText();
    }
    // image-spec: mediaType SHOULD be set; without it, tell an index by its "manifests" array.
    if (node.has("manifests")) {
      return MediaTypes.OCI_INDEX;
    }
    if (node.has("config") || node.has("layers")) {
      return MediaTypes.OCI_MANIFEST;
    }
    throw new IllegalArgumentException("manifest has no mediaType and is neither a manifest nor an index");
  }

  @Override
  public String toString() {
    return "EncodedManifest{" + descriptor.brief() + "}";
  }
}
