/**
 * The OCI model: {@link dev.berth.core.Digest}s, {@link dev.berth.core.Descriptor}s, {@link
 * dev.berth.core.Manifest}s and {@link dev.berth.core.Index}es as immutable records, {@link
 * dev.berth.core.Reference}s ({@code HOST/NAME[:TAG][@DIGEST]}), media types, and the exceptions every
 * store throws ({@link dev.berth.core.OciException} and its subclasses).
 *
 * <p>Where content lives is in the other packages: {@code dev.berth.core.remote} (registries), {@code
 * dev.berth.core.layout} (OCI image layout directories), {@code dev.berth.core.content} (what both share)
 * and {@code dev.berth.core.copy} (graph copies between them).
 */
@NullMarked
package dev.berth.core;

import org.jspecify.annotations.NullMarked;
