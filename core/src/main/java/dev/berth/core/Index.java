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
 * An image index (image-spec image-index.md), OCI or Docker manifest list: manifests, usually one per
 * platform; also the form of a referrers list and of an OCI layout's {@code index.json}.
 *
 * @param schemaVersion {@code 2}, the only value image-spec v1 and Docker schema 2 allow
 * @param mediaType {@link MediaTypes#OCI_INDEX} or {@link MediaTypes#DOCKER_MANIFEST_LIST}; optional in the
 *     JSON, so null when the content did not say
 * @param artifactType optional type of the artifact this index is, when it is one (image-spec 1.1)
 * @param manifests the descriptors of the manifests (or indexes) it lists, never null
 * @param subject optional manifest this index refers to, making it a referrer (image-spec 1.1)
 * @param annotations optional annotations, in insertion order; null rather than empty
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations"})
public record Index(
    int schemaVersion,
    @Nullable String mediaType,
    @Nullable String artifactType,
    List<Descriptor> manifests,
    @Nullable Descriptor subject,
    @Nullable Map<String, String> annotations) {

  /** Copies the list and map; an empty annotation map becomes null, so it is left out of the JSON. */
  public Index {
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = annotations == null || annotations.isEmpty()
        ? null : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** An OCI index of these manifests. */
  public static Index of(List<Descriptor> manifests) {
    return new Index(2, MediaTypes.OCI_INDEX, null, manifests, null, null);
  }

  /** A copy listing these manifests instead. */
  public Index withManifests(List<Descriptor> m) {
    return new Index(schemaVersion, mediaType, artifactType, m, subject, annotations);
  }

  /** A copy with these annotations instead (null or empty for none). */
  public Index withAnnotations(Map<String, String> a) {
    return new Index(schemaVersion, mediaType, artifactType, manifests, subject, a);
  }

  /** A copy with this subject (null for none). */
  public Index withSubject(Descriptor s) {
    return new Index(schemaVersion, mediaType, artifactType, manifests, s, annotations);
  }
}
