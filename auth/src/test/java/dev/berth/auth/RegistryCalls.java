package dev.berth.auth;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The few distribution-spec calls the auth integration tests need, each request tagged with the scopes
 * a registry client would tag it with.
 */
final class RegistryCalls {
  private static final MediaType OCTETS = MediaType.get("application/octet-stream");

  private RegistryCalls() {}

  static Scopes pull(String repository) {
    return Scopes.of(Scopes.repository(repository, "pull"));
  }

  static Scopes push(String repository) {
    return Scopes.of(Scopes.repository(repository, "pull", "push"));
  }

  /** Pushes a blob (POST, then PUT with the digest) and returns its digest. */
  static String pushBlob(OkHttpClient client, String baseUrl, String repository, byte[] content) throws IOException {
    String digest = sha256(content);
    Request start = new Request.Builder().url(baseUrl + "/v2/" + repository + "/blobs/uploads/")
        .post(RequestBody.create(new byte[0])).tag(Scopes.class, push(repository)).build();
    HttpUrl location;
    try (Response response = client.newCall(start).execute()) {
      expect(202, response);
      location = response.request().url().resolve(response.header("Location"));
    }
    Request put = new Request.Builder().url(location.newBuilder().addQueryParameter("digest", digest).build())
        .put(RequestBody.create(content, OCTETS)).tag(Scopes.class, push(repository)).build();
    try (Response response = client.newCall(put).execute()) {
      expect(201, response);
    }
    return digest;
  }

  /** Returns the status of a blob GET, having read the body. */
  static int getBlob(OkHttpClient client, String baseUrl, String repository, String digest) throws IOException {
    Request get = new Request.Builder().url(baseUrl + "/v2/" + repository + "/blobs/" + digest)
        .tag(Scopes.class, pull(repository)).build();
    try (Response response = client.newCall(get).execute()) {
      response.body().bytes();
      return response.code();
    }
  }

  static String sha256(byte[] content) {
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static void expect(int code, Response response) throws IOException {
    if (response.code() != code) {
      throw new IOException("expected HTTP " + code + " from " + response.request().method() + " "
          + response.request().url().encodedPath() + ", got " + response.code() + ": " + response.body().string());
    }
  }

  /** A network interceptor that counts what actually crosses the wire, 401s included. */
  static final class RoundTrips implements Interceptor {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public Response intercept(Chain chain) throws IOException {
      count.incrementAndGet();
      return chain.proceed(chain.request());
    }
  }
}
