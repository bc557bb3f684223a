/**
 * Internals of {@code dev.berth.artifacts.image}, not part of the API: the Dockerfile subset (instructions,
 * arguments, substitution, .dockerignore), layer building, config edits and the base-image plumbing of a
 * bake. May change without notice.
 */
@NullMarked
package dev.berth.artifacts.image.internal;

import org.jspecify.annotations.NullMarked;
