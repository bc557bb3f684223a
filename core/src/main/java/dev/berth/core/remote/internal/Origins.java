package dev.berth.core.remote.internal;

import okhttp3.HttpUrl;

/** Comparisons of URL origins (scheme, host, port), which decide where credentials may go. */
public final class Origins {
  private Origins() {}

  /** Same scheme, host and port. */
  public static boolean same(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  /** Whether moving from {@code from} to {@code to} drops TLS. */
  public static boolean downgrades(HttpUrl from, HttpUrl to) {
    return from.isHttps() && !to.isHttps();
  }

  /** {@code scheme://host:port}, for messages. */
  public static String describe(HttpUrl url) {
    return url.scheme() + "://" + url.host() + ":" + url.port();
  }
}
