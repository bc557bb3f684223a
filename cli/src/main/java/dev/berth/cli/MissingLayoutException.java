package dev.berth.cli;

import java.nio.file.NoSuchFileException;

/**
 * An {@code oci:DIR} source whose directory does not exist. To a script it is what a missing
 * repository is on a registry, so it exits with {@link ExitCodes#NOT_FOUND}, unlike a missing input file.
 */
final class MissingLayoutException extends NoSuchFileException {
  MissingLayoutException(java.nio.file.Path dir) {
    super(dir.toString(), null, "no OCI layout directory");
  }
}
