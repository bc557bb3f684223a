/**
 * Referrers (the OCI 1.1 {@code subject} field): {@link dev.berth.artifacts.referrers.Attach} pushes an
 * artifact that refers to another (an SBOM, a signature) and {@link dev.berth.artifacts.referrers.Discover}
 * lists the tree of what refers to a manifest ({@link dev.berth.artifacts.referrers.ReferrerNode}), in
 * registries with or without the referrers API and in OCI layouts.
 */
@NullMarked
package dev.berth.artifacts.referrers;

import org.jspecify.annotations.NullMarked;
