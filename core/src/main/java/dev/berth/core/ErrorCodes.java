package dev.berth.core;

/**
 * The error codes a registry puts in an {@code {"errors":[{"code":...}]}} body: those of the
 * distribution-spec v1.1 ("Error Codes") and {@code TOOMANYREQUESTS}, which Docker's registry and
 * Docker Hub send with 429. The set is open (registries send others), so codes are strings; compare with
 * {@link RegistryResponse#hasCode(String)} or {@link OciException#hasErrorCode(String)}.
 */
public final class ErrorCodes {
  private ErrorCodes() {}

  /** The blob is unknown to the registry. */
  public static final String BLOB_UNKNOWN = "BLOB_UNKNOWN";
  /** The blob upload encountered an error and can no longer proceed. */
  public static final String BLOB_UPLOAD_INVALID = "BLOB_UPLOAD_INVALID";
  /** The upload session is unknown (expired, or never existed). */
  public static final String BLOB_UPLOAD_UNKNOWN = "BLOB_UPLOAD_UNKNOWN";
  /** The provided digest did not match the uploaded content. */
  public static final String DIGEST_INVALID = "DIGEST_INVALID";
  /** A manifest references a blob the repository does not have. */
  public static final String MANIFEST_BLOB_UNKNOWN = "MANIFEST_BLOB_UNKNOWN";
  /** The manifest failed validation. */
  public static final String MANIFEST_INVALID = "MANIFEST_INVALID";
  /** The manifest (tag or digest) is unknown to the repository. */
  public static final String MANIFEST_UNKNOWN = "MANIFEST_UNKNOWN";
  /** The repository name is invalid. */
  public static final String NAME_INVALID = "NAME_INVALID";
  /** The repository is not known to the registry. */
  public static final String NAME_UNKNOWN = "NAME_UNKNOWN";
  /** The content's size did not match the size given. */
  public static final String SIZE_INVALID = "SIZE_INVALID";
  /** Authentication is required. */
  public static final String UNAUTHORIZED = "UNAUTHORIZED";
  /** Access to the resource was denied. */
  public static final String DENIED = "DENIED";
  /** The operation is unsupported. */
  public static final String UNSUPPORTED = "UNSUPPORTED";
  /** Too many requests: rate limited. */
  public static final String TOOMANYREQUESTS = "TOOMANYREQUESTS";
}
