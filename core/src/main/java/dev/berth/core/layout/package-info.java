/**
 * OCI image layout directories ({@code oci-layout}, {@code index.json}, {@code blobs/}) as a content
 * store: {@link dev.berth.core.layout.OciLayout} reads, writes, tags, lists referrers and collects garbage
 * ({@link dev.berth.core.layout.GcResult}). A layout is untrusted input, read only through verified digests.
 */
@NullMarked
package dev.berth.core.layout;

import org.jspecify.annotations.NullMarked;
