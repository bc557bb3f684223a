package dev.berth.core.remote.internal;

/**
 * A request tag: try this request once, because it is part of a whole transfer that is retried as a unit
 * (see {@link dev.berth.core.internal.WholeTransfer}).
 */
public enum NoRequestRetry {
  INSTANCE
}
