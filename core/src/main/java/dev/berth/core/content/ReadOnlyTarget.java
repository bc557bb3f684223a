package dev.berth.core.content;

/** A source of content graphs: storage plus name resolution. {@code Copier} reads from one. */
public interface ReadOnlyTarget extends ReadOnlyStorage, Resolver {}
