package dev.berth.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A content descriptor (image-spec descriptor.md): what a piece of content is, how big, and its digest.
 * Every blob, manifest and index is addressed by one.
 *
 * @param mediaType the content's media type (required)
 * @param digest the digest of the exact bytes (required)
 * @param size the exact byte length (required, at least 0)
 * @param urls optional alternate download locations
 * @param annotations optional annotations, in insertion order
 * @param data optional embedded content, base64 as in the JSON form
 * @param platform optional platform, for index entries
 * @param artifactType optional artifact type, for manifests in referrers lists and index entries
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"mediaType", "digest", "size", "urls", "annotations", "data", "platform", "artifactType"})
public record Descriptor(
    String mediaType,
    Digest digest,
    long size,
    @Nullable List<String> urls,
    @Nullable Map<String, String> annotations,
    @Nullable String data,
    @Nullable Platform platform,
    @Nullable String artifactType) {

  /** The annotation naming a file (image-spec annotations.md); oras uses it for file names. */
  public static final String ANNOTATION_TITLE = "org.opencontainers.image.title";
  /** The annotation holding a tag in an OCI layout's index.json. */
  public static final String ANNOTATION_REF_NAME = "org.opencontainers.image.ref.name";
  /** The annotation holding a creation time (RFC 3339). */
  public static final String ANNOTATION_CREATED = "org.opencontainers.image.created";

  /** The content of the empty descriptor, {@code {}} (image-spec manifest.md, "Guidance for an Empty Descriptor"). */
  private static final byte[] EMPTY_JSON_CONTENT = "{}".getBytes(StandardCharsets.UTF_8);

  /** The empty descriptor: {@code application/vnd.oci.empty.v1+json}, 2 bytes, {@code sha256:44136fa3...}. */
  public static final Descriptor EMPTY_JSON = of(MediaTypes.OCI_EMPTY, EMPTY_JSON_CONTENT);

  /**
   * Checks the required fields and copies the list and map.
   *
   * @throws NullPointerException when {@code mediaType} or {@code digest} is null
   * @throws IllegalArgumentException when {@code size} is negative
   */
  public Descriptor {
    Objects.requireNonNull(mediaType, "mediaType");
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("descriptor size must not be negative: " + size);
    }
    urls = urls == null ? null : List.copyOf(urls);
    annotations = annotations == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** A descriptor with just the three required fields. */
  public static Descriptor of(String mediaType, Digest digest, long size) {
    return new Descriptor(mediaType, digest, size, null, null, null, null, null);
  }

  /** The descriptor of {@code content} (sha256). */
  public static Descriptor of(String mediaType, byte[] content) {
    return of(mediaType, Digest.sha256(content), content.length);
  }

  /** The bytes of {@link #EMPTY_JSON}: {@code {}}. */
  public static byte[] emptyJsonContent() {
    return EMPTY_JSON_CONTENT.clone();
  }

  /** A copy with these annotations (null or empty for none). */
  public Descriptor withAnnotations(@Nullable Map<String, String> newAnnotations) {
    Map<String, String> a = newAnnotations == null || newAnnotations.isEmpty() ? null : newAnnotations;
    return new Descriptor(mediaType, digest, size, urls, a, data, platform, artifactType);
  }

  /** A copy with one more annotation. */
  public Descriptor withAnnotation(String key, String value) {
    Map<String, String> a = annotations == null ? new LinkedHashMap<>() : new LinkedHashMap<>(annotations);
    a.put(key, value);
    return withAnnotations(a);
  }

  /** A copy with this platform. */
  public Descriptor withPlatform(@Nullable Platform newPlatform) {
    return new Descriptor(mediaType, digest, size, urls, annotations, data, newPlatform, artifactType);
  }

  /** A copy with this artifact type. */
  public Descriptor withArtifactType(@Nullable String newArtifactType) {
    return new Descriptor(mediaType, digest, size, urls, annotations, data, platform, newArtifactType);
  }

  /** A copy with another media type (same bytes), e.g. to record a layer under a custom type. */
  public Descriptor withMediaType(String newMediaType) {
    return new Descriptor(newMediaType, digest, size, urls, annotations, data, platform, artifactType);
  }

  /** An annotation's value, or null. */
  public @Nullable String annotation(String key) {
    return annotations == null ? null : annotations.get(key);
  }

  /** The {@code org.opencontainers.image.title} annotation, or null. */
  public @Nullable String title() {
    return annotation(ANNOTATION_TITLE);
  }

  /** The same content: equal digest and size (other fields may differ). */
  public boolean sameContent(Descriptor other) {
    return digest.equals(other.digest) && size == other.size;
  }

  /** {@code mediaType digest (size bytes)}: a short form for messages and logs. */
  public String brief() {
    return mediaType + " " + digest + " (" + size + " bytes)";
  }
}
