package dev.berth.cli;

import dev.berth.auth.Credential;
import dev.berth.auth.FoundCredential;
import java.util.Map;

/**
 * The ghcr.io cases GitHub's documentation lists in which a credential that looks right is refused,
 * recognised from the credential's shape and the GitHub Actions environment (never from its secret
 * beyond the documented token prefix).
 */
final class CredentialHints {
  /** What kind of credential was used, as far as a hint cares. */
  enum Kind {
    /** A fine-grained personal access token ({@code github_pat_...}), which ghcr.io does not accept. */
    FINE_GRAINED_PAT("ghcr.io does not accept fine-grained personal access tokens (github_pat_...);"
        + " create a personal access token (classic) with the packages scopes"),
    /** GITHUB_TOKEN in a pull_request run, read-only when the pull request comes from a fork. */
    ACTIONS_PULL_REQUEST("GITHUB_TOKEN is read-only in workflows run for pull requests from forks, whatever"
        + " 'permissions:' says; publish from push or workflow_run events instead"),
    /** GITHUB_TOKEN in a run Dependabot triggered, which is read-only. */
    ACTIONS_DEPENDABOT("GITHUB_TOKEN is read-only in runs Dependabot triggers (and they see Dependabot"
        + " secrets, not Actions secrets); publish from push events instead"),
    /** Anything else. */
    OTHER(null);

    private final String hint;

    Kind(String hint) {
      this.hint = hint;
    }

    /** The hint for this kind, or null. */
    String hint() {
      return hint;
    }
  }

  private CredentialHints() {}

  /** The kind of {@code used}, given the process environment. */
  static Kind kind(FoundCredential used, Map<String, String> environment) {
    if (used == null || used.isAnonymous()) {
      return Kind.OTHER;
    }
    String secret = used.credential() instanceof Credential.UsernamePassword u ? u.password()
        : used.credential() instanceof Credential.AccessToken t ? t.token() : "";
    if (secret.startsWith("github_pat_")) {
      return Kind.FINE_GRAINED_PAT;
    }
    if ("true".equals(environment.get("GITHUB_ACTIONS")) && used.source().contains("GITHUB_TOKEN")) {
      String actor = environment.getOrDefault("GITHUB_ACTOR", "");
      if (actor.startsWith("dependabot[bot]")) {
        return Kind.ACTIONS_DEPENDABOT;
      }
      String event = environment.getOrDefault("GITHUB_EVENT_NAME", "");
      if (event.equals("pull_request") || event.equals("pull_request_review")
          || event.equals("pull_request_review_comment")) {
        return Kind.ACTIONS_PULL_REQUEST;
      }
    }
    return Kind.OTHER;
  }
}
