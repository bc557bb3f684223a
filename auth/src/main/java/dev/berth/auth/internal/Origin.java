package dev.berth.auth.internal;

import okhttp3.HttpUrl;

/**
 * Scheme, host and port of a registry: the unit that challenges, cached credentials and tokens belong
 * to. Two ports on one host are two registries.
 */
public record Origin(String scheme, String host, int port) {

  public static Origin of(HttpUrl url) {
    return new Origin(url.scheme(), url.host(), url.port());
  }

  /**
   * Returns the host as image references and credential stores write it: the host name, bracketed when
   * it is an IPv6 address, with {@code :port} unless the port is the scheme's default.
   */
  public String registryHost() {
    String name = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port == HttpUrl.defaultPort(scheme) ? name : name + ":" + port;
  }

  /** Returns {@code scheme://host:port/PATH}. */
  public HttpUrl url(String path) {
    return new HttpUrl.Builder().scheme(scheme).host(host).port(port).encodedPath(path).build();
  }

  public boolean sameHost(HttpUrl url) {
    return host.equalsIgnoreCase(url.host());
  }

  @Override
  public String toString() {
    return scheme + "://" + registryHost();
  }
}
