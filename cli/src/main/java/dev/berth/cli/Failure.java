package dev.berth.cli;

/**
 * What {@code berth} reports when a command fails: one line saying what went wrong, an optional line
 * saying what to do about it, and the exit code.
 *
 * @param exitCode one of {@link ExitCodes}
 * @param message the error, one line
 * @param hint the next step to try, or null
 */
public record Failure(int exitCode, String message, String hint) {}
