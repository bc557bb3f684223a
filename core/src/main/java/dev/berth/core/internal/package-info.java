/**
 * Internals of the core module, not part of its API: JSON, media-type and grammar helpers shared by its packages. May change without notice.
 */
@NullMarked
package dev.berth.core.internal;

import org.jspecify.annotations.NullMarked;
