/**
 * Internals of the auth module, not part of its API: the {@code WWW-Authenticate} parser, realm policy,
 * the token fetcher and cache, and the docker config-file plumbing. May change without notice.
 */
@NullMarked
package dev.berth.auth.internal;

import org.jspecify.annotations.NullMarked;
