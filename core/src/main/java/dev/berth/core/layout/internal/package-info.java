/**
 * Internals of {@code dev.berth.core.layout}, not part of the API: index.json handling, locks and safe file access. May change without notice.
 */
@NullMarked
package dev.berth.core.layout.internal;

import org.jspecify.annotations.NullMarked;
