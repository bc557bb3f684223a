package dev.berth.cli;

/**
 * What a command was doing when it failed, so a hint can be specific: which registry, whether it was
 * writing, and how the user names the repository (for "list the tags with ...").
 *
 * @param host the registry host, or null when the failure is about a local OCI layout or file
 * @param writing whether the command was pushing, tagging or deleting
 * @param repository the repository as the user would type it ({@code ghcr.io/o/n} or {@code oci:dir}), or null
 * @param anonymous whether berth had no credentials for {@code host} (then a refusal means "log in")
 * @param credential which credential was used and where it came from ("user mona from GITHUB_TOKEN"),
 *     never a secret; null when unknown
 * @param credentialKind what kind of credential it was, for hints that depend on it
 */
public record FailureContext(String host, boolean writing, String repository, boolean anonymous,
    String credential, CredentialHints.Kind credentialKind) {
  /** Nothing is known: a failure before any target was opened. */
  public static final FailureContext NONE = new FailureContext(null, false, null, false, null, null);

  /** A context for {@code host} with nothing known about credentials yet. */
  public FailureContext(String host, boolean writing, String repository, boolean anonymous) {
    this(host, writing, repository, anonymous, null, null);
  }

  /** A copy that records whether credentials were missing. */
  public FailureContext withAnonymous(boolean noCredentials) {
    return new FailureContext(host, writing, repository, noCredentials, credential, credentialKind);
  }

  /** A copy that records the credential used: missing or not, where from, and its kind. */
  public FailureContext withCredential(boolean noCredentials, String described, CredentialHints.Kind kind) {
    return new FailureContext(host, writing, repository, noCredentials, described, kind);
  }

  boolean isGhcr() {
    return host != null && (host.equals("ghcr.io") || host.endsWith(".ghcr.io"));
  }
}
