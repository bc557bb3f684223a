/**
 * Internals of {@code dev.berth.artifacts.github}, not part of the API: why GitHub refused a request and
 * capped reads of its answers. May change without notice.
 */
@NullMarked
package dev.berth.artifacts.github.internal;

import org.jspecify.annotations.NullMarked;
