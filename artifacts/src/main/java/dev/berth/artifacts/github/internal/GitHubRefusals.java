package dev.berth.artifacts.github.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.berth.artifacts.github.GitHubApiException;
import dev.berth.artifacts.internal.JsonDocuments;
import dev.berth.core.remote.RetryPolicy;
import java.io.IOException;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Why GitHub's packages API refused a request, in its documented cases: rate limits (primary and
 * secondary, with what berth waited), the 5,000-downloads rule, the last tagged version, admin and token
 * scopes, naming where the token came from but never the token.
 *
 * @param hasToken whether requests carry a token
 * @param tokenSource where the token came from, e.g. {@code "from GITHUB_TOKEN"}, or null
 * @param retry the policy rate limits were waited out within, for the message
 */
public record GitHubRefusals(boolean hasToken, @Nullable String tokenSource, RetryPolicy retry) {
  /** Error bodies are read only for GitHub's short message. */
  private static final long MAX_ERROR_BODY = 64 * 1024;

  /**
   * Returns when {@code response} succeeded; else throws a {@link GitHubApiException} with GitHub's
   * message and the likely reason.
   */
  public void check(Response response, String method, HttpUrl url) throws IOException {
    if (response.isSuccessful()) {
      return;
    }
    String gitHubMessage = messageOf(peekError(response));
    int status = response.code();
    StringBuilder m = new StringBuilder(method).append(' ').append(url).append(": ").append(status);
    if (gitHubMessage != null) {
      m.append(' ').append(gitHubMessage);
    }
    m.append(rateLimited(response, gitHubMessage) ? rateLimitHint(response) : hint(status, method, gitHubMessage));
    throw new GitHubApiException(m.toString(), status, gitHubMessage);
  }

  /** Whether GitHub refused for its rate limits (primary or secondary), not for permissions. */
  private static boolean rateLimited(Response response, @Nullable String gitHubMessage) {
    int code = response.code();
    return code == 429 || code == 403 && (response.header("Retry-After") != null
        || "0".equals(response.header("X-RateLimit-Remaining"))
        || gitHubMessage != null && gitHubMessage.toLowerCase(Locale.ROOT).contains("rate limit"));
  }

  private String rateLimitHint(Response response) {
    String asked = response.header("Retry-After") != null ? response.header("Retry-After").trim() + " s"
        : "0".equals(response.header("X-RateLimit-Remaining")) && response.header("X-RateLimit-Reset") != null
            ? "until epoch second " + response.header("X-RateLimit-Reset").trim() : "a few minutes";
    return " (rate limited by GitHub, which asks to wait " + asked + "; berth waited within its retry policy: "
        + retry.maxAttempts() + " tries, at most " + retry.maxRetryAfter().toSeconds() + " s a wait and "
        + retry.maxTotalWait().toSeconds() + " s in all; try again later"
        + (!hasToken ? ", or with a token (GitHub allows 60 requests an hour without one)" : "") + ")";
  }

  /** Why GitHub likely refused, in its documented cases, naming where the token came from. */
  private String hint(int status, String method, @Nullable String gitHubMessage) {
    String text = gitHubMessage == null ? "" : gitHubMessage.toLowerCase(Locale.ROOT);
    String from = tokenSource == null ? "" : " (the token " + tokenSource + ")";
    boolean writing = !method.equals("GET");
    if (text.contains("5000 downloads") || text.contains("5,000 downloads")) {
      return " (GitHub keeps a public version downloaded more than 5,000 times, and a public package with"
          + " such a version; only GitHub Support can delete it)";
    }
    if (text.contains("last tagged version")) {
      return " (GitHub deletes a package's last tagged version only with the package: delete the package)";
    }
    if (!hasToken && (status == 401 || status == 403 || status == 404)) {
      return " (no token was sent: pass one with read:packages" + (writing ? " and delete:packages" : "") + ")";
    }
    String admin = "deleting or restoring needs admin on the package and a personal access token (classic)"
        + " with read:packages and delete:packages (write:packages to restore); GITHUB_TOKEN works only when"
        + " the workflow's repository has the admin role in the package's settings (Manage Actions access)";
    return switch (status) {
      case 401 -> " (the token" + (tokenSource == null ? "" : " " + tokenSource)
          + " is expired, revoked or not a token GitHub knows)";
      case 403 -> (writing ? " (" + admin + ")"
          : " (the token lacks read:packages, or an organisation's SAML SSO has not authorised it)") + from;
      case 404 -> (writing ? " (no such package or version, or the token may not administer it: " + admin + ")"
          : " (no such package, or the token cannot see it)") + from;
      default -> "";
    };
  }

  private static @Nullable String messageOf(byte[] body) {
    try {
      JsonNode node = body.length == 0 ? null : JsonDocuments.tree(body);
      JsonNode message = node == null ? null : node.get("message");
      return message != null && message.isTextual() ? message.asText() : null;
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }

  /** The error body of a 403 or 429, bounded, read once and kept so the caller can still see it. */
  private static byte[] peekError(Response response) {
    try {
      return ResponseBodies.readBounded(response, MAX_ERROR_BODY, "error body");
    } catch (IOException | RuntimeException unreadable) {
      return new byte[0];
    }
  }
}
