/**
 * Internals of {@code dev.berth.artifacts.helm}, not part of the API: the OpenPGP side of provenance files
 * (clear-signed text, keys and signatures, through the optional BouncyCastle dependency) and Helm's JSON
 * config. May change without notice.
 */
@NullMarked
package dev.berth.artifacts.helm.internal;

import org.jspecify.annotations.NullMarked;
