package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class RedactionTest {
  private static final HttpUrl BASE = HttpUrl.get("https://ghcr.io/v2/o/n/blobs/uploads/");

  @Test
  void tokenQueryValuesAreRedactedButSpecParametersKept() {
    HttpUrl url = HttpUrl.get("https://auth.example/token?service=reg&scope=repository:o/n:pull&access_token=s3cret");
    assertEquals("https://auth.example/token?service=reg&scope=repository:o/n:pull&access_token=<redacted>",
        Redaction.url(url));
  }

  @Test
  void userInfoIsDroppedAndDefaultPortOmitted() {
    assertEquals("https://ghcr.io/v2/", Redaction.url(HttpUrl.get("https://user:pw@ghcr.io:443/v2/")));
    assertEquals("http://localhost:5000/v2/", Redaction.url(HttpUrl.get("http://localhost:5000/v2/")));
  }

  @Test
  void authorizationKeepsOnlyItsScheme() {
    assertEquals("Bearer <redacted>", Redaction.header("Authorization", "Bearer eyJhbGciOi.xyz", BASE));
    assertEquals("Basic <redacted>", Redaction.header("authorization", "Basic dXNlcjpwYXNz", BASE));
    assertEquals("<redacted>", Redaction.header("Set-Cookie", "session=abc", BASE));
  }

  @Test
  void signedRedirectLocationLosesItsSignature() {
    String location = "https://pkg-containers.example/sha256:ab?X-Amz-Signature=deadbeef&X-Amz-Credential=AKIA";
    assertEquals("https://pkg-containers.example/sha256:ab?X-Amz-Signature=<redacted>&X-Amz-Credential=<redacted>",
        Redaction.header("Location", location, BASE));
  }

  @Test
  void relativeUploadLocationIsResolvedAndStateHidden() {
    assertEquals("https://ghcr.io/v2/o/n/blobs/uploads/123?_state=<redacted>",
        Redaction.header("Location", "/v2/o/n/blobs/uploads/123?_state=abc", BASE));
  }

  @Test
  void ordinaryHeadersAreUnchanged() {
    assertEquals("application/json", Redaction.header("Content-Type", "application/json", BASE));
  }
}
