package dev.berth.core;

import java.time.Instant;

/**
 * An operation ran past the deadline its client was given ({@code RegistryClient.Builder.deadline}): the
 * request in flight was cancelled, and no retry, resume or redirect started after it. Not retried.
 */
public class DeadlineExceededException extends OciException {
  /** The deadline that passed. */
  private final Instant deadline;

  /**
   * @param what what was under way, e.g. {@code GET https://host/v2/...}
   * @param deadline the deadline that passed
   */
  public DeadlineExceededException(String what, Instant deadline) {
    super("deadline " + deadline + " passed during " + what);
    this.deadline = deadline;
  }

  /**
   * @param what what was under way
   * @param deadline the deadline that passed
   * @param cause the failure the cancellation at the deadline caused
   */
  public DeadlineExceededException(String what, Instant deadline, Throwable cause) {
    super("deadline " + deadline + " passed during " + what, cause);
    this.deadline = deadline;
  }

  /** The deadline that passed. */
  public Instant deadline() {
    return deadline;
  }
}
