package dev.berth.core;

import org.jspecify.annotations.Nullable;

/**
 * The manifest, blob, tag or repository does not exist (a 404, or absent from a store). {@link #kind()}
 * tells a missing repository from a missing tag or manifest: registries say which with {@code
 * NAME_UNKNOWN} or {@code MANIFEST_UNKNOWN}, and stores know it themselves.
 */
public class NotFoundException extends OciException {
  /** What was missing. */
  public enum Kind {
    /** The repository (or an OCI layout directory) does not exist. */
    REPOSITORY,
    /** The manifest, by tag or digest, does not exist in an existing repository. */
    MANIFEST,
    /** The blob does not exist. */
    BLOB,
    /** The upload session does not exist (expired, or never started). */
    UPLOAD,
    /** The registry did not say which (a bare 404). */
    UNKNOWN
  }

  private final Kind kind;

  /** @param message what was looked for and where */
  public NotFoundException(String message) {
    this(message, Kind.UNKNOWN, null, null);
  }

  /**
   * @param message what was looked for and where
   * @param cause the underlying failure
   */
  public NotFoundException(String message, Throwable cause) {
    this(message, Kind.UNKNOWN, null, cause);
  }

  /**
   * @param message what was looked for and where
   * @param kind what was missing
   * @param response what the registry answered, or null when a store, not a registry, found nothing
   * @param cause the underlying failure, or null
   */
  public NotFoundException(@Nullable String message, Kind kind, @Nullable RegistryResponse response, @Nullable Throwable cause) {
    super(message, response, cause);
    this.kind = kind == null ? Kind.UNKNOWN : kind;
  }

  /** What was missing: the repository, a manifest (tag or digest), a blob, an upload, or unknown. */
  public Kind kind() {
    return kind;
  }

  /** The kind for a missing {@code target}: a manifest or index, or else a blob. */
  public static Kind kindOf(Descriptor target) {
    return MediaTypes.isManifestOrIndex(target.mediaType()) ? Kind.MANIFEST : Kind.BLOB;
  }

  /**
   * The kind a registry's answer names: its error codes first ({@code NAME_UNKNOWN}, {@code
   * MANIFEST_UNKNOWN}, {@code BLOB_UNKNOWN}, {@code BLOB_UPLOAD_UNKNOWN}), else {@code fallback}.
   */
  public static Kind kindOf(RegistryResponse response, Kind fallback) {
    if (response != null) {
      if (response.hasCode(ErrorCodes.NAME_UNKNOWN)) {
        return Kind.REPOSITORY;
      }
      if (response.hasCode(ErrorCodes.MANIFEST_UNKNOWN)) {
        return Kind.MANIFEST;
      }
      if (response.hasCode(ErrorCodes.BLOB_UNKNOWN)) {
        return Kind.BLOB;
      }
      if (response.hasCode(ErrorCodes.BLOB_UPLOAD_UNKNOWN)) {
        return Kind.UPLOAD;
      }
    }
    return fallback;
  }
}
