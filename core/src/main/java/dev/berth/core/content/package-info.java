/**
 * What registries and OCI layouts share: the store interfaces ({@link
 * dev.berth.core.content.ReadOnlyTarget}, {@link dev.berth.core.content.Target} and the capabilities a store
 * may add, such as tagging, listing tags and referrers, mounting and deleting), {@link
 * dev.berth.core.content.Contents} for reading and writing whole blobs and manifests through them, a
 * {@link dev.berth.core.content.MemoryStore}, and streams that verify digests and sizes as the bytes pass.
 */
@NullMarked
package dev.berth.core.content;

import org.jspecify.annotations.NullMarked;
