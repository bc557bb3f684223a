/**
 * Internals of {@code dev.berth.core.copy}, not part of the API: the copy engine's task scheduling and graph walking. May change without notice.
 */
@NullMarked
package dev.berth.core.copy.internal;

import org.jspecify.annotations.NullMarked;
