package dev.berth.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An image manifest (image-spec manifest.md), OCI or Docker v2.2: a config and ordered layers, and
 * optionally an artifact type, a subject (for referrers) and annotations.
 *
 * <p>This record is the parsed form. The digest of a manifest is of its exact bytes, so content that
 * came from elsewhere travels as {@link EncodedManifest}, never re-serialised from this record.
 *
 * @param schemaVersion {@code 2}, the only value image-spec v1 and Docker schema 2 allow
 * @param mediaType {@link MediaTypes#OCI_MANIFEST} or {@link MediaTypes#DOCKER_MANIFEST}; optional in OCI
 *     JSON, so null when the content did not say
 * @param artifactType optional type of the artifact (image-spec 1.1); when null, the config's media type
 *     stands in for it
 * @param config the config blob's descriptor ({@link Descriptor#EMPTY_JSON} for artifacts without one)
 * @param layers the layers' descriptors, in order, never null
 * @param subject optional manifest this one refers to, making it a referrer (image-spec 1.1)
 * @param annotations optional annotations, in insertion order; null rather than empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "config", "layers", "subject", "annotations"})
public record Manifest(
    int schemaVersion,
    @Nullable String mediaType,
    @Nullable String artifactType,
    @Nullable Descriptor config,
    List<Descriptor> layers,
    @Nullable Descriptor subject,
    @Nullable Map<String, String> annotations) {

  /** Copies the list and map; an empty annotation map becomes null, so it is left out of the JSON. */
  public Manifest {
    layers = layers == null ? List.of() : List.copyOf(layers);
    annotations = annotations == null || annotations.isEmpty()
        ? null : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** An OCI image manifest with this config and these layers. */
  public static Manifest of(Descriptor config, List<Descriptor> layers) {
    return new Manifest(2, MediaTypes.OCI_MANIFEST, null, config, layers, null, null);
  }

  /**
   * An OCI artifact manifest per image-spec 1.1's guidance: the given artifact type, the empty config,
   * and these layers (or the empty descriptor as the one layer when there are none).
   */
  public static Manifest artifact(String artifactType, List<Descriptor> layers) {
    List<Descriptor> l = layers.isEmpty() ? List.of(Descriptor.EMPTY_JSON) : layers;
    return new Manifest(2, MediaTypes.OCI_MANIFEST, artifactType, Descriptor.EMPTY_JSON, l, null, null);
  }

  /** A copy with this artifact type (null for none). */
  public Manifest withArtifactType(String t) {
    return new Manifest(schemaVersion, mediaType, t, config, layers, subject, annotations);
  }

  /** A copy with this config descriptor instead. */
  public Manifest withConfig(Descriptor c) {
    return new Manifest(schemaVersion, mediaType, artifactType, c, layers, subject, annotations);
  }

  /** A copy with these layers instead. */
  public Manifest withLayers(List<Descriptor> l) {
    return new Manifest(schemaVersion, mediaType, artifactType, config, l, subject, annotations);
  }

  /** A copy with this subject (null for none). */
  public Manifest withSubject(Descriptor s) {
    return new Manifest(schemaVersion, mediaType, artifactType, config, layers, s, annotations);
  }

  /** A copy with these annotations instead (null or empty for none). */
  public Manifest withAnnotations(Map<String, String> a) {
    return new Manifest(schemaVersion, mediaType, artifactType, config, layers, subject, a);
  }

  /**
   * The artifact type a referrers list reports for this manifest (image-spec 1.1): {@code artifactType}
   * when set, else the config's media type.
   */
  public @Nullable String effectiveArtifactType() {
    return artifactType != null ? artifactType : config == null ? null : config.mediaType();
  }
}
