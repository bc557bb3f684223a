package dev.berth.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Just enough of the distribution API over plain OkHttp for the testkit's own tests. */
final class OciHttp {
  static final MediaType OCTETS = MediaType.get("application/octet-stream");
  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  private OciHttp() {}

  static String sha256(byte[] data) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** POST then PUT ?digest=, asserting 202 and 201; {@code auth} may be null. Returns the digest. */
  static String pushBlob(OkHttpClient client, String baseUrl, String repo, byte[] data, String auth)
      throws IOException {
    String digest = sha256(data);
    Request.Builder post = new Request.Builder().url(baseUrl + "/v2/" + repo + "/blobs/uploads/")
        .post(RequestBody.create(new byte[0]));
    if (auth != null) {
      post.header("Authorization", auth);
    }
    String location;
    try (Response response = client.newCall(post.build()).execute()) {
      assertEquals(202, response.code(), "POST upload: " + response.body().string());
      location = response.header("Location");
    }
    HttpUrl url = HttpUrl.get(baseUrl + "/").resolve(location).newBuilder().addQueryParameter("digest", digest).build();
    Request.Builder put = new Request.Builder().url(url).put(RequestBody.create(data, OCTETS));
    if (auth != null) {
      put.header("Authorization", auth);
    }
    try (Response response = client.newCall(put.build()).execute()) {
      assertEquals(201, response.code(), "PUT upload: " + response.body().string());
    }
    return digest;
  }
}
