package dev.berth.core;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image index (image-spec image-index.md), OCI or Docker manifest list: manifests, usually one per
 * platform; also the form of a referrers list and of an OCI layout's {@code index.json}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"schemaVersion", "mediaType", "artifactType", "manifests", "subject", "annotations"})
public record Index(
    int schemaVersion,
    String mediaType,
    String artifactType,
    List<Descriptor> manifests,
    Descriptor subject,
    Map<String, String> annotations) {

  public Index {
    manifests = manifests == null ? List.of() : List.copyOf(manifests);
    annotations = annotations == null || annotations.isEmpty()
        ? null : Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
  }

  /** An OCI index of these manifests. */
  public static Index of(List<Descriptor> manifests) {
    return new Index(2, MediaTypes.OCI_INDEX, null, manifests, null, null);
  }

  public Index withManifests(List<Descriptor> m) {
    return new Index(schemaVersion, mediaType, artifactType, m, subject, annotations);
  }

  public Index withAnnotations(Map<String, String> a) {
    return new Index(schemaVersion, mediaType, artifactType, manifests, subject, a);
  }

  public Index withSubject(Descriptor s) {
    return new Index(schemaVersion, mediaType, artifactType, manifests, s, annotations);
  }
}
