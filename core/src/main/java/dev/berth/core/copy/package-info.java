/**
 * Copies whole graphs (an index, its manifests, their configs and layers, and referrers when asked)
 * between any two stores: {@link dev.berth.core.copy.Copier}, with {@link dev.berth.core.copy.CopyOptions}
 * and a {@link dev.berth.core.copy.CopyListener} for progress.
 */
@NullMarked
package dev.berth.core.copy;

import org.jspecify.annotations.NullMarked;
