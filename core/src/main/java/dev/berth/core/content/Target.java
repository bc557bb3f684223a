package dev.berth.core.content;

/**
 * A place content graphs live and can be written: a registry repository, an OCI layout, memory.
 * {@code Copier} writes to one. Optional abilities are found with {@code instanceof}: {@link Deleter},
 * {@link Mounter}, {@link TagLister}, {@link ReferrerLister}.
 */
public interface Target extends ReadOnlyTarget, Storage, Tagger {}
