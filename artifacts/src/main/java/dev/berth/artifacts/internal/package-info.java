/**
 * Internals of the artifacts module, not part of its API: parallel work, JSON documents, progress and the one-call defaults shared by its packages. May change without notice.
 */
@NullMarked
package dev.berth.artifacts.internal;

import org.jspecify.annotations.NullMarked;
