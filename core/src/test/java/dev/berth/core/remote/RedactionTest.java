package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private static final HttpUrl BASE = HttpUrl.get("https://ghcr.io/v2/o/n/blobs/uploads/");

  @Test
  void credentialHeadersKeepTheirSchemeAndLoseTheirValue() {
    assertEquals("Bearer <redacted>", Redaction.header("Authorization", "Bearer eyJhbGciOi.xyz", BASE));
    assertEquals("Basic <redacted>", Redaction.header("authorization", "Basic dXNlcjpwYXNz", BASE));
    assertEquals("<redacted>", Redaction.header("Set-Cookie", "session=abc", BASE));
    assertEquals("application/json", Redaction.header("Content-Type", "application/json", BASE));
    String all = Redaction.headers(Headers.of("Cookie", "session=abc", "User-Agent", "berth/0.1"), BASE);
    assertFalse(all.contains("abc"), all);
    assertTrue(all.contains("User-Agent: berth/0.1"), all);
  }

  @Test
  void onlyAllowListedQueryValuesAreShown() {
    String url = Redaction.url(HttpUrl.get("https://pkg.example/blob?X-Amz-Signature=abc123&X-Amz-Expires=300"
        + "&access_token=tok&sig=s1&_state=st&n=10&digest=sha256:ab&scope=repository:o/n:pull"));
    assertEquals("https://pkg.example/blob?X-Amz-Signature=<redacted>&X-Amz-Expires=<redacted>"
        + "&access_token=<redacted>&sig=<redacted>&_state=<redacted>&n=10&digest=sha256:ab"
        + "&scope=repository:o/n:pull", url);
  }

  @Test
  void urlsLoseUserInfoAndTheDefaultPort() {
    assertEquals("https://ghcr.io/v2/", Redaction.url(HttpUrl.get("https://user:pw@ghcr.io:443/v2/")));
    assertEquals("http://localhost:5000/v2/", Redaction.url(HttpUrl.get("http://localhost:5000/v2/")));
    assertEquals("http://[::1]:5000/v2/", Redaction.url(HttpUrl.get("http://[::1]:5000/v2/")));
  }

  @Test
  void locationsAreResolvedRedactedAndNeverPrintedRawWhenUnparsable() {
    assertEquals("https://ghcr.io/v2/o/n/blobs/uploads/123?_state=<redacted>",
        Redaction.header("Location", "/v2/o/n/blobs/uploads/123?_state=abc", BASE));
    assertEquals("https://cdn.example/sha256:ab?X-Amz-Signature=<redacted>&X-Amz-Credential=<redacted>",
        Redaction.header("Location", "https://u:p@cdn.example/sha256:ab?X-Amz-Signature=dead&X-Amz-Credential=AK",
            BASE));
    String unparsable = Redaction.header("Location", "http://[bad-host?sig=SECRET\u001b", BASE);
    assertFalse(unparsable.contains("SECRET"), unparsable);
    assertEquals("<not a URL, 28 characters, <redacted>>", unparsable);
  }

  @Test
  void controlCharactersAndDirectionOverridesAreEscaped() {
    assertEquals("a\\x1b[31mb\\x07c\\rd\\ne\\tf\\x7f\\x9b\\u202eg", Redaction.printable(
        "a\u001b[31mb\u0007c\rd\ne\tf\u007f\u009b\u202eg"));
    assertEquals("plain text, unicode é ✓", Redaction.printable("plain text, unicode é ✓"));
  }

  @Test
  void secretFormsCoverEveryEncodingOfABasicCredentialAndATokensParts() {
    Set<String> basic = Redaction.secretForms("Basic YWxpY2U6cCBzIg==");
    assertTrue(basic.containsAll(Set.of("Basic YWxpY2U6cCBzIg==", "YWxpY2U6cCBzIg==", "alice:p s\"", "p s\"",
        "p+s%22", "p%20s%22", "p s\\\"")), basic.toString());
    Set<String> bearer = Redaction.secretForms("Bearer aaaa.bbbbbb.cccc");
    assertTrue(bearer.containsAll(Set.of("aaaa.bbbbbb.cccc", "aaaa", "bbbbbb", "cccc")), bearer.toString());
    assertEquals("x <redacted> y <redacted>", Redaction.serverText("x alice:p s\" y p s\"", basic));
  }

  @Test
  void theClientsToStringShowsNoCredentials() {
    RegistryClient client = RegistryClient.builder()
        .credentials(dev.berth.auth.CredentialProvider.of(dev.berth.auth.Credential.basic("alice", "hunter2")))
        .build();
    assertFalse(client.toString().contains("hunter2"));
    assertFalse(client.repository("ghcr.io/a/b").toString().contains("hunter2"));
  }
}
