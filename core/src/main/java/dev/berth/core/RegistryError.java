package dev.berth.core;

import org.jspecify.annotations.Nullable;

/**
 * One entry of a registry's {@code {"errors":[...]}} body (distribution-spec, "Error Codes"). The code
 * set is open: ghcr.io and others send codes the spec does not list, so {@code code} is a string.
 *
 * @param code e.g. {@code BLOB_UNKNOWN}, {@code MANIFEST_INVALID}, {@code DENIED}
 * @param message the registry's human-readable message, possibly empty
 * @param detail the {@code detail} value as compact JSON text, or null
 */
public record RegistryError(@Nullable String code, @Nullable String message, @Nullable String detail) {
  @Override
  public String toString() {
    return code + (message == null || message.isEmpty() ? "" : ": " + message);
  }
}
