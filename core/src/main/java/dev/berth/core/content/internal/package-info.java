/**
 * Internals of {@code dev.berth.core.content}, not part of the API: stream plumbing and helpers shared by the stores. May change without notice.
 */
@NullMarked
package dev.berth.core.content.internal;

import org.jspecify.annotations.NullMarked;
