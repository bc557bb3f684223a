/**
 * Internals of the auth module, not part of its API: the {@code WWW-Authenticate} parser, realm policy,
 * the token fetcher and cache, and the docker config-file plumbing. May change without notice.
 */
package dev.berth.auth.internal;
