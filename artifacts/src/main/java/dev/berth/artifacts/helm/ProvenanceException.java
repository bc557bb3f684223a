package dev.berth.artifacts.helm;

import dev.berth.core.OciException;
import org.jspecify.annotations.Nullable;

/**
 * A chart's provenance did not verify: nothing of the chart was kept. {@link #reason()} says which check
 * failed; the message names the file, the key id or both digests, and never the keyring's content.
 */
public class ProvenanceException extends OciException {
  /** Which check failed. */
  public enum Reason {
    /** The chart has no provenance file (no {@code .prov} layer, or no {@code .prov} beside it). */
    NO_PROVENANCE,
    /** The provenance file is not a clear-signed message with a {@code files:} section, or is too large. */
    MALFORMED,
    /** The signature does not match the signed text, or uses a hash or type berth does not accept. */
    BAD_SIGNATURE,
    /** No key in the keyring made the signature. */
    UNKNOWN_KEY,
    /** The signing key (or its primary key) is expired or revoked, may not sign, or is an unbound subkey. */
    KEY_NOT_VALID,
    /** The signed {@code files:} section does not list the chart, or lists another SHA-256 for it. */
    DIGEST_MISMATCH,
    /** Signing failed: the secret key could not be unlocked (no or a wrong passphrase) or used. */
    CANNOT_SIGN,
    /** The keyring could not be read, or holds no OpenPGP keys. */
    KEYRING_UNREADABLE,
    /** The OpenPGP library (BouncyCastle's bcpg) is not on the class or module path. */
    NO_OPENPGP
  }

  private final Reason reason;

  /**
   * @param reason which check failed
   * @param message what failed, naming the file and the key id or digests involved
   */
  public ProvenanceException(Reason reason, String message) {
    this(reason, message, null);
  }

  /**
   * @param reason which check failed
   * @param message what failed, naming the file and the key id or digests involved
   * @param cause the underlying failure, or null
   */
  public ProvenanceException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Which check failed. */
  public Reason reason() {
    return reason;
  }
}
