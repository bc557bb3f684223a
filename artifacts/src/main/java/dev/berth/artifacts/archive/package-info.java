/**
 * Archives for artifacts: {@link dev.berth.artifacts.archive.TarArchiver} writes reproducible tar and
 * tar+gzip streams, {@link dev.berth.artifacts.archive.SafeExtractor} extracts hostile archives without
 * letting them escape the destination, and {@link dev.berth.artifacts.archive.StagingDirectory} makes a
 * pull all-or-nothing.
 */
@NullMarked
package dev.berth.artifacts.archive;

import org.jspecify.annotations.NullMarked;
