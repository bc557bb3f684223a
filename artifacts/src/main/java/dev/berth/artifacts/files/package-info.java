/**
 * Files and directories as OCI artifacts, interoperable with {@code oras push} / {@code oras pull}:
 * {@link dev.berth.artifacts.files.FileArtifacts}.
 */
@NullMarked
package dev.berth.artifacts.files;

import org.jspecify.annotations.NullMarked;
