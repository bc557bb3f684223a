package dev.berth.artifacts.github;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's REST API refused a request. The message names the method, the URL (which carries no
 * secret), the status and GitHub's own {@code message}; the token never appears.
 */
public final class GitHubApiException extends IOException {
  /** The HTTP status. */
  private final int status;
  /** GitHub's {@code message} field, or null. */
  private final @Nullable String gitHubMessage;

  /**
   * @param message the whole message: method, URL, status and GitHub's message; never the token
   * @param status the HTTP status, e.g. 404
   * @param gitHubMessage GitHub's {@code message} field from the error body, or null when there was none
   */
  public GitHubApiException(String message, int status, @Nullable String gitHubMessage) {
    super(message);
    this.status = status;
    this.gitHubMessage = gitHubMessage;
  }

  /** The HTTP status, e.g. 404. */
  public int status() {
    return status;
  }

  /** GitHub's {@code message} field from the error body, or null when there was none. */
  public @Nullable String gitHubMessage() {
    return gitHubMessage;
  }
}
