package dev.berth.auth.internal;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.AuthenticationException.Reason;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Decides whether a token realm named in a registry's challenge may be contacted. The registry chooses
 * the realm, and the client sends the user's credentials there, so a hostile or compromised registry
 * could otherwise make the client hand passwords to any address, including services reachable only from
 * inside the client's network (cloud metadata endpoints, admin consoles on private addresses).
 *
 * <ul>
 *   <li>An https registry must name an https realm, or the credentials would cross the network in clear.
 *   <li>A realm that is a loopback, private, link-local or unspecified address literal is refused unless
 *       it is the registry's own host; loopback registries (tests, local mirrors) may use any loopback
 *       realm, since both ends are then on the same machine.
 * </ul>
 */
public final class RealmPolicy {
  private RealmPolicy() {}

  /**
   * Returns the realm as a URL.
   *
   * @throws AuthenticationException with {@link Reason#REALM_REFUSED} or {@link Reason#PROTOCOL}
   */
  public static HttpUrl check(Origin registry, String realm) throws AuthenticationException {
    if (realm == null || realm.isBlank()) {
      throw new AuthenticationException(
          Reason.PROTOCOL, registry.registryHost() + " sent a Bearer challenge without a realm");
    }
    HttpUrl url = HttpUrl.parse(realm.trim());
    if (url == null) {
      throw new AuthenticationException(
          Reason.PROTOCOL, registry.registryHost() + " sent a realm that is not an http(s) URL");
    }
    String shown = url.newBuilder().query(null).fragment(null).build().toString();
    if (registry.scheme().equals("https") && !url.isHttps()) {
      throw new AuthenticationException(Reason.REALM_REFUSED, "refusing realm " + shown
          + " of https registry " + registry.registryHost() + ": the realm is not https");
    }
    InetAddress address = literalAddress(url.host());
    boolean loopback = isLoopbackHost(url.host());
    boolean internal = loopback || (address != null && isInternal(address));
    if (internal && !registry.sameHost(url) && !(loopback && isLoopbackHost(registry.host()))) {
      throw new AuthenticationException(Reason.REALM_REFUSED, "refusing realm " + shown
          + " of registry " + registry.registryHost()
          + ": it is a loopback, private or link-local address that is not the registry's own host");
    }
    return url;
  }

  static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address) {
      // 100.64.0.0/10: carrier-grade NAT, which cloud providers use for internal services.
      return (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
    }
    if (address instanceof Inet6Address) {
      // fc00::/7: unique local addresses, IPv6's private ranges (Java's isSiteLocal knows only fec0::/10).
      return (b[0] & 0xfe) == 0xfc;
    }
    return false;
  }

  private static boolean isLoopbackHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    InetAddress address = literalAddress(h);
    return address != null && address.isLoopbackAddress();
  }

  /** Returns the address when {@code host} is an IP literal (never resolving a name), else null. */
  static InetAddress literalAddress(String host) {
    boolean ipv6 = host.indexOf(':') >= 0;
    boolean ipv4 = !ipv6 && !host.isEmpty() && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9'));
    if (!ipv4 && !ipv6) {
      return null;
    }
    try {
      return InetAddress.getByName(host); // a literal: no DNS lookup happens
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
