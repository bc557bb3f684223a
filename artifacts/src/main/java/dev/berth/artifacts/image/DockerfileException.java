package dev.berth.artifacts.image;

import org.jspecify.annotations.Nullable;

/**
 * A Dockerfile berth cannot read or build: a syntax error, an instruction that needs a container runtime
 * (RUN), or an argument that does not fit. The message names the line.
 */
public final class DockerfileException extends IllegalArgumentException {
  /** The 1-based line the instruction starts on, or 0 when it concerns the whole file. */
  private final int line;

  /**
   * @param line the 1-based line, or 0 for the whole file
   * @param message what is wrong and, where there is one, the way to do it instead
   */
  public DockerfileException(int line, @Nullable String message) {
    super(line > 0 ? "Dockerfile line " + line + ": " + message : "Dockerfile: " + message);
    this.line = line;
  }

  /** The 1-based line the instruction starts on, or 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
