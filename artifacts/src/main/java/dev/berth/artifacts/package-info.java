/**
 * What every artifact type shares: {@link dev.berth.artifacts.Annotations}, the OCI annotation keys berth
 * writes and reads. The artifact types are in the subpackages: {@code files}, {@code helm}, {@code wasm},
 * {@code image}, {@code referrers} and {@code github}, with {@code archive} for safe tar handling.
 */
@NullMarked
package dev.berth.artifacts;

import org.jspecify.annotations.NullMarked;
