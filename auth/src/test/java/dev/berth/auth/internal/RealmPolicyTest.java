package dev.berth.auth.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.berth.auth.AuthenticationException;
import dev.berth.auth.AuthenticationException.Reason;
import okhttp3.HttpUrl;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RealmPolicyTest {

  private static Origin origin(String url) {
    return Origin.of(HttpUrl.get(url));
  }

  @ParameterizedTest(name = "{0} may use realm {1}")
  @CsvSource({
      "https://ghcr.io, https://ghcr.io/token",
      "https://registry-1.docker.io, https://auth.docker.io/token",
      "http://localhost:5000, http://localhost:5001/auth",
      "http://localhost:5000, http://127.0.0.1:5001/auth",
      "http://127.0.0.1:5000, http://[::1]:5001/auth",
      "https://10.0.0.5:5000, https://10.0.0.5:5001/token",
      "http://registry.internal:5000, http://auth.internal/token",
      "http://registry.internal:5000, https://auth.example.com/token",
      "https://192.168.1.10, https://192.168.1.10/service/token?x=y",
  })
  void allowsRealm(String registry, String realm) throws Exception {
    assertEquals(HttpUrl.get(realm), RealmPolicy.check(origin(registry), realm));
  }

  @ParameterizedTest(name = "{0} may not use realm {1}")
  @CsvSource({
      "https://ghcr.io, http://ghcr.io/token",                      // downgrade to clear text
      "https://ghcr.io, https://10.0.0.1/token",                   // private
      "https://ghcr.io, https://172.16.5.4/token",                 // private
      "https://ghcr.io, https://192.168.0.1/token",                // private
      "https://ghcr.io, https://127.0.0.1/token",                  // loopback
      "https://ghcr.io, https://localhost/token",                  // loopback by name
      "https://ghcr.io, https://169.254.169.254/latest/meta-data", // link-local: cloud metadata
      "https://ghcr.io, https://[::1]/token",                      // IPv6 loopback
      "https://ghcr.io, https://[fe80::1]/token",                  // IPv6 link-local
      "https://ghcr.io, https://[fd00::1]/token",                  // IPv6 unique local
      "https://ghcr.io, https://0.0.0.0/token",                    // unspecified
      "https://ghcr.io, https://100.100.100.200/token",            // carrier-grade NAT (cloud metadata)
      "https://10.0.0.5, https://10.0.0.6/token",                  // private, but not the registry's own host
  })
  void refusesRealm(String registry, String realm) {
    AuthenticationException e =
        assertThrows(AuthenticationException.class, () -> RealmPolicy.check(origin(registry), realm));
    assertEquals(Reason.REALM_REFUSED, e.reason());
  }

  @ParameterizedTest(name = "realm ''{0}'' is a protocol error")
  @CsvSource(value = {"''", "ftp://ghcr.io/token", "not a url"}, emptyValue = "")
  void rejectsRealmThatIsNotAnHttpUrl(String realm) {
    AuthenticationException e = assertThrows(AuthenticationException.class,
        () -> RealmPolicy.check(origin("https://ghcr.io"), realm));
    assertEquals(Reason.PROTOCOL, e.reason());
  }
}
