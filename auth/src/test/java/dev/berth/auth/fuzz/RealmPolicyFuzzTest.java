package dev.berth.auth.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.AuthenticationException.Reason;
import dev.berth.auth.internal.Origin;
import dev.berth.auth.internal.RealmPolicy;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A hostile registry chooses the token realm that berth sends credentials to. Whatever it writes there,
 * the only failure is an {@link AuthenticationException}, and no spelling of an internal address gets
 * past the policy.
 */
class RealmPolicyFuzzTest {
  private static final Origin PUBLIC_REGISTRY = Origin.of(HttpUrl.get("https://registry.example.com"));

  @Property(tries = 2000)
  void anyRealmIsAcceptedOrRefusedWithAnAuthenticationException(@ForAll String realm) {
    checkLeniently(realm);
  }

  @Property(tries = 2000)
  void anyUrlShapedRealmIsAcceptedOrRefusedWithAnAuthenticationException(@ForAll("urlShaped") String realm) {
    checkLeniently(realm);
  }

  @Property(tries = 2000)
  void everySpellingOfAnInternalIpv4AddressIsRefused(@ForAll("internalIpv4") long address,
      @ForAll("spellings") int spelling) {
    String host = spell(address, spelling);
    String realm = "https://" + host + "/token";
    if (HttpUrl.parse(realm) == null) {
      return; // OkHttp would not connect there either
    }
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> RealmPolicy.check(PUBLIC_REGISTRY, realm), realm);
    assertEquals(Reason.REALM_REFUSED, e.reason(), realm);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "https://169.254.169.254./latest",    // trailing dot
      "https://0xa9.0xfe.0xa9.0xfe/latest",  // hexadecimal parts
      "https://0251.0376.0251.0376/latest",  // octal parts, as C resolvers read them
      "https://2852039166/latest",           // one 32-bit number
      "https://169.16689662/latest",         // two parts
      "https://0x7f.1/token",
      "https://127.1/token",
      "https://localhost./token",
      "https://[::ffff:169.254.169.254]/latest", // IPv4-mapped IPv6
      "https://[::a9fe:a9fe]/latest",            // IPv4-compatible IPv6
      "https://[64:ff9b::a9fe:a9fe]/latest",     // NAT64
      "https://0.0.0.1/token",                   // "this network"
  })
  void unusualSpellingsOfInternalAddressesAreRefused(String realm) {
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> RealmPolicy.check(PUBLIC_REGISTRY, realm));
    assertEquals(Reason.REALM_REFUSED, e.reason());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"https://auth.example.com/token", "https://8.8.8.8/token", "https://0x8.8.8.8.example/t",
      "https://[2001:db8::1]/token", "https://1.2.3.4.5/token"})
  void publicRealmsAreAccepted(String realm) throws AuthenticationException {
    assertEquals(HttpUrl.get(realm), RealmPolicy.check(PUBLIC_REGISTRY, realm));
  }

  private static void checkLeniently(String realm) {
    try {
      RealmPolicy.check(PUBLIC_REGISTRY, realm);
    } catch (AuthenticationException expected) {
      // refused or not a URL: both are documented outcomes
    }
  }

  @Provide
  Arbitrary<String> urlShaped() {
    Arbitrary<String> schemes = Arbitraries.of("https://", "http://", "HTTPS://", "ftp://", "", "//", "https:");
    Arbitrary<String> hosts = Arbitraries.oneOf(
        Arbitraries.strings().withChars("0123456789abcdefx.:[]%@").ofMaxLength(24),
        Arbitraries.of("localhost", "[::1]", "127.0.0.1", "169.254.169.254", "10.0.0.1", "example.com"));
    Arbitrary<String> rest = Arbitraries.of("", "/token", ":443/token", ":99999", "/t?x=1#f", "@evil/", "\\x");
    return Combinators.combine(schemes, hosts, rest).as((s, h, r) -> s + h + r);
  }

  /** Addresses in 10/8, 172.16/12, 192.168/16, 169.254/16, 127/8, 100.64/10 and 0/8. */
  @Provide
  Arbitrary<Long> internalIpv4() {
    long[][] ranges = {{0x0A000000L, 8}, {0xAC100000L, 12}, {0xC0A80000L, 16}, {0xA9FE0000L, 16},
        {0x7F000000L, 8}, {0x64400000L, 10}, {0x00000000L, 8}};
    return Arbitraries.integers().between(0, ranges.length - 1).flatMap(i -> {
      long base = ranges[i][0];
      long size = 1L << (32 - ranges[i][1]);
      return Arbitraries.longs().between(base, base + size - 1);
    });
  }

  @Provide
  Arbitrary<Integer> spellings() {
    return Arbitraries.integers().between(0, 9);
  }

  /** Writes a 32-bit address in one of the forms resolvers accept. */
  static String spell(long a, int form) {
    long b0 = a >>> 24 & 0xff;
    long b1 = a >>> 16 & 0xff;
    long b2 = a >>> 8 & 0xff;
    long b3 = a & 0xff;
    return switch (form) {
      case 0 -> b0 + "." + b1 + "." + b2 + "." + b3;
      case 1 -> b0 + "." + b1 + "." + b2 + "." + b3 + ".";
      case 2 -> Long.toString(a);
      case 3 -> "0x" + Long.toHexString(a);
      case 4 -> "0x" + Long.toHexString(b0) + ".0x" + Long.toHexString(b1) + "." + b2 + "." + b3;
      case 5 -> "0" + Long.toOctalString(b0) + ".0" + Long.toOctalString(b1) + ".0" + Long.toOctalString(b2)
          + ".0" + Long.toOctalString(b3);
      case 6 -> b0 + "." + (a & 0xffffff);
      case 7 -> b0 + "." + b1 + "." + (a & 0xffff);
      case 8 -> "[::ffff:" + b0 + "." + b1 + "." + b2 + "." + b3 + "]";
      default -> "[64:ff9b::" + b0 + "." + b1 + "." + b2 + "." + b3 + "]";
    };
  }
}
