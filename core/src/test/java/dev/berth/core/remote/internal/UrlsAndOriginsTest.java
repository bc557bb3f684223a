package dev.berth.core.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Digest;
import dev.berth.core.OciException;
import java.nio.charset.StandardCharsets;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

class UrlsAndOriginsTest {
  private final Digest digest = Digest.sha256("x".getBytes(StandardCharsets.UTF_8));
  private final Endpoints endpoints = new Endpoints(Endpoints.base("https", "ghcr.io"), "owner/app");

  @Test
  void everyEndpointHasTheSpecsShape() {
    assertEquals("https://ghcr.io/v2/", Endpoints.ping(endpoints.base()).toString());
    assertEquals("https://ghcr.io/v2/owner/app/manifests/v1", endpoints.manifest("v1").toString());
    assertEquals("https://ghcr.io/v2/owner/app/blobs/" + digest, endpoints.blob(digest).toString());
    assertEquals("https://ghcr.io/v2/owner/app/blobs/uploads/", endpoints.uploads().toString());
    assertEquals("https://ghcr.io/v2/owner/app/blobs/uploads/?mount=" + digest.toString().replace(":", "%3A")
        + "&from=owner%2Fbase", endpoints.mount(digest, "owner/base").toString());
    assertEquals("https://ghcr.io/v2/owner/app/tags/list?n=50&last=v1", endpoints.tags(50, "v1").toString());
    assertEquals("https://ghcr.io/v2/owner/app/tags/list", endpoints.tags(0, null).toString());
    HttpUrl referrers = endpoints.referrers(digest, "application/vnd.x");
    assertEquals("/v2/owner/app/referrers/" + digest, referrers.encodedPath());
    assertEquals("application/vnd.x", referrers.queryParameter("artifactType"));
    assertEquals("https://ghcr.io/v2/_catalog?n=10", Endpoints.catalog(endpoints.base(), 10).toString());
  }

  @Test
  void completingAnUploadKeepsTheLocationsQuery() {
    HttpUrl location = HttpUrl.get("https://ghcr.io/v2/owner/app/blobs/uploads/u?_state=abc");
    HttpUrl done = Endpoints.completeUpload(location, digest);
    assertEquals("abc", done.queryParameter("_state"));
    assertEquals(digest.toString(), done.queryParameter("digest"));
  }

  @Test
  void uploadLocationsMustStayOnTheRegistrysOrigin() throws OciException {
    HttpUrl registry = HttpUrl.get("https://ghcr.io/");
    assertEquals("https://ghcr.io/v2/x/blobs/uploads/1?s=1",
        Locations.uploadLocation(answer("https://ghcr.io/v2/x/blobs/uploads/", "/v2/x/blobs/uploads/1?s=1"), registry,
            null).toString());
    OciException downgrade = assertThrows(OciException.class, () -> Locations.uploadLocation(
        answer("https://ghcr.io/v2/x/blobs/uploads/", "http://ghcr.io/v2/x/blobs/uploads/1"), registry, null));
    assertTrue(downgrade.getMessage().contains("https to http"), downgrade.getMessage());
    assertThrows(OciException.class, () -> Locations.uploadLocation(
        answer("https://ghcr.io/v2/x/blobs/uploads/", "https://ghcr.io:8443/v2/x/blobs/uploads/1"), registry, null));
    assertThrows(OciException.class, () -> Locations.uploadLocation(
        answer("https://ghcr.io/v2/x/blobs/uploads/", null), registry, null));
  }

  @Test
  void redirectsDropCredentialsAcrossOriginsAndRefuseDowngrades() throws OciException {
    Request get = new Request.Builder().url("https://ghcr.io/v2/x/blobs/" + digest)
        .header("Authorization", "Bearer t").header("Cookie", "c=1").build();

    Request sameHost = RedirectInterceptor.followUp(get, redirect(get, 307, "/v2/x/blobs/elsewhere"));
    assertEquals("Bearer t", sameHost.header("Authorization"));

    Request otherHost = RedirectInterceptor.followUp(get, redirect(get, 307, "https://pkg-containers.example/blob?sig=1"));
    assertNull(otherHost.header("Authorization"));
    assertNull(otherHost.header("Cookie"));
    assertEquals("GET", otherHost.method());

    assertThrows(OciException.class, () -> RedirectInterceptor.followUp(get, redirect(get, 302, "http://ghcr.io/x")));
    assertNull(RedirectInterceptor.followUp(get, redirect(get, 200, "/x")));
  }

  @Test
  void a303TurnsAPostIntoAGetAndAOneShotBodyIsNotReplayedOnA307() throws OciException {
    Request post = new Request.Builder().url("https://r.example/a").post(RequestBody.create(new byte[] {1})).build();
    assertEquals("GET", RedirectInterceptor.followUp(post, redirect(post, 303, "/b")).method());

    Request oneShot = new Request.Builder().url("https://r.example/a").put(new RequestBody() {
      @Override
      public okhttp3.MediaType contentType() {
        return null;
      }

      @Override
      public boolean isOneShot() {
        return true;
      }

      @Override
      public void writeTo(okio.BufferedSink sink) {}
    }).build();
    assertNull(RedirectInterceptor.followUp(oneShot, redirect(oneShot, 307, "/b")));
  }

  private static Response answer(String requestUrl, String location) {
    Response.Builder b = new Response.Builder().request(new Request.Builder().url(requestUrl).post(RequestBody.create(new byte[0])).build())
        .protocol(Protocol.HTTP_1_1).code(202).message("Accepted");
    if (location != null) {
      b.header("Location", location);
    }
    return b.build();
  }

  private static Response redirect(Request request, int code, String location) {
    return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(code).message("x")
        .header("Location", location).build();
  }
}
