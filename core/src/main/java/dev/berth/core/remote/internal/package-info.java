/**
 * Internals of {@code dev.berth.core.remote}, not part of the API: interceptors, uploads, retries, paging and redaction. May change without notice.
 */
@NullMarked
package dev.berth.core.remote.internal;

import org.jspecify.annotations.NullMarked;
