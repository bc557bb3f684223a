package dev.berth.core.remote.internal;

/**
 * The client's caps on one listing, all pages together.
 *
 * @param maxEntries the most entries (tags, repositories, referrers)
 * @param maxBytes the most response-body bytes
 */
public record ListLimits(long maxEntries, long maxBytes) {}
