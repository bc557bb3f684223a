package dev.berth.core.remote.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether each registry host serves the referrers API, learnt from the first answer, so that listing
 * referrers on a registry without it (distribution 2.8, ghcr.io) goes straight to the fallback tag.
 */
public final class ReferrersSupport {
  /** What is known of a host. */
  public enum State { UNKNOWN, SUPPORTED, UNSUPPORTED }

  private final ConcurrentHashMap<String, State> byHost = new ConcurrentHashMap<>();

  public State of(String host) {
    return byHost.getOrDefault(host, State.UNKNOWN);
  }

  public void learn(String host, State state) {
    byHost.put(host, state);
  }
}
