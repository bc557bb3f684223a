package dev.berth.auth.internal;

import dev.berth.auth.AuthenticationException.Reason;
import dev.berth.auth.AuthenticationException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

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
 *       realm, since both ends are then on the same machine. Every spelling of an address a resolver
 *       accepts counts ({@code 127.1}, {@code 0x7f.0.0.1}, {@code 2130706433}, a trailing dot,
 *       IPv4-mapped, IPv4-compatible and NAT64 IPv6).
 * </ul>
 *
 * <p>Names are not resolved: a realm whose DNS name resolves to a private address is not caught here,
 * since that answer can differ between this check and the connection (DNS rebinding) and corporate
 * registries legitimately use internal names.
 */
public final class RealmPolicy {
  /** The well-known NAT64 prefix 64:ff9b::/96 (RFC 6052). */
  private static final byte[] NAT64_PREFIX = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};

  private RealmPolicy() {}

  /**
   * Returns the realm as a URL.
   *
   * @throws AuthenticationException with {@link Reason#REALM_REFUSED} or {@link Reason#PROTOCOL}
   */
  public static HttpUrl check(Origin registry, @Nullable String realm) throws AuthenticationException {
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
    boolean loopback = isLoopbackHost(url.host());
    boolean internal = loopback || literalAddresses(url.host()).stream().anyMatch(RealmPolicy::isInternal);
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
      // 100.64.0.0/10: carrier-grade NAT, which cloud providers use for internal services;
      // 0.0.0.0/8: "this network", which Linux connects to the local host.
      return ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64) || b[0] == 0;
    }
    if (address instanceof Inet6Address) {
      // fc00::/7: unique local addresses, IPv6's private ranges (Java's isSiteLocal knows only fec0::/10).
      if ((b[0] & 0xfe) == 0xfc) {
        return true;
      }
      // ::a.b.c.d (IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address they embed.
      boolean compatible = Arrays.equals(b, 0, 12, new byte[12], 0, 12);
      boolean nat64 = Arrays.equals(b, 0, 12, NAT64_PREFIX, 0, 12);
      if (compatible || nat64) {
        try {
          return isInternal(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException e) {
          throw new AssertionError("four bytes are always an address", e);
        }
      }
    }
    return false;
  }

  private static boolean isLoopbackHost(String host) {
    String h = withoutTrailingDot(host.toLowerCase(Locale.ROOT));
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    return literalAddresses(h).stream().anyMatch(InetAddress::isLoopbackAddress);
  }

  /**
   * Returns every address that {@code host} could denote as an IP literal, never resolving a name: an
   * IPv6 literal, or an IPv4 literal in any form a resolver accepts. Besides dotted decimal those are
   * the {@code inet_aton} forms ({@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}, octal
   * {@code 0177.0.0.1}) and a trailing dot ({@code 169.254.169.254.}). Java reads {@code 0177} as
   * decimal and C resolvers as octal, so both readings are returned and a realm is refused when
   * either is internal. Empty when {@code host} is a name.
   */
  static List<InetAddress> literalAddresses(String host) {
    String h = withoutTrailingDot(host);
    List<InetAddress> out = new ArrayList<>(2);
    if (h.indexOf(':') >= 0) {
      try {
        out.add(InetAddress.getByName(h)); // with a colon it is an IPv6 literal or an error, never a lookup
      } catch (UnknownHostException e) {
        // not an address after all
      }
      return out;
    }
    for (boolean cStyle : new boolean[] {false, true}) {
      byte[] bytes = ipv4(h, cStyle);
      if (bytes != null) {
        try {
          InetAddress address = InetAddress.getByAddress(bytes);
          if (!out.contains(address)) {
            out.add(address);
          }
        } catch (UnknownHostException e) {
          throw new AssertionError("four bytes are always an address", e);
        }
      }
    }
    return out;
  }

  /**
   * Parses one to four dot-separated numbers, the last filling the remaining bytes (RFC 6943 section
   * 3.1.1); with {@code cStyle}, {@code 0x} prefixes hexadecimal and a leading {@code 0} octal, as in
   * {@code inet_aton}. Returns null when {@code host} is not of that form.
   */
  static byte @Nullable [] ipv4(String host, boolean cStyle) {
    String[] parts = host.split("\\.", -1);
    if (parts.length > 4 || host.isEmpty()) {
      return null;
    }
    long[] values = new long[parts.length];
    for (int i = 0; i < parts.length; i++) {
      values[i] = number(parts[i], cStyle);
      long max = i < parts.length - 1 ? 0xff : (1L << (8 * (5 - parts.length))) - 1;
      if (values[i] < 0 || values[i] > max) {
        return null;
      }
    }
    byte[] bytes = new byte[4];
    for (int i = 0; i < parts.length - 1; i++) {
      bytes[i] = (byte) values[i];
    }
    long last = values[parts.length - 1];
    for (int i = 3; i >= parts.length - 1; i--) {
      bytes[i] = (byte) last;
      last >>>= 8;
    }
    return bytes;
  }

  /** The value of one part, or -1 when it is not a number in that notation (or absurdly long). */
  private static long number(String part, boolean cStyle) {
    int radix = 10;
    String digits = part;
    if (cStyle && (part.startsWith("0x") || part.startsWith("0X"))) {
      radix = 16;
      digits = part.substring(2);
    } else if (cStyle && part.length() > 1 && part.startsWith("0")) {
      radix = 8;
      digits = part.substring(1);
    }
    if (digits.isEmpty() || digits.length() > 12) {
      return radix == 16 && digits.isEmpty() ? 0 : -1; // inet_aton reads a bare "0x" as zero
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = Character.digit(digits.charAt(i), radix);
      if (d < 0 || digits.charAt(i) > 'z') {
        return -1;
      }
      value = value * radix + d;
    }
    return value;
  }

  private static String withoutTrailingDot(String host) {
    return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
  }
}
