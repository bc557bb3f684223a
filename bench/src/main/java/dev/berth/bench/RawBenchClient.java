package dev.berth.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.ConnectionPool;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The floor: the fewest requests the protocol allows, with nothing around them. A blob is one POST
 * and one PUT of the bytes with the digest known in advance (no HEAD, no retries, no auth); a pull is
 * one GET whose bytes pass through SHA-256. Blobs of an artifact move {@code concurrency} at a time,
 * and the small artifacts' shared config is pushed and fetched once.
 */
final class RawBenchClient extends ByCallBenchClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RequestBody EMPTY = RequestBody.create(new byte[0]);

  private final OkHttpClient http;
  private final HttpUrl base;
  private final Pool pool;
  private final Set<String> done = ConcurrentHashMap.newKeySet();

  RawBenchClient(Job job) {
    super(job);
    this.http = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(job.concurrency() * 2, 1, java.util.concurrent.TimeUnit.MINUTES))
        .build();
    this.base = HttpUrl.get(job.baseUrl() + "/v2/" + job.repository() + "/");
    this.pool = new Pool(job.concurrency());
  }

  @Override
  public void close() {
    pool.close();
  }

  @Override
  protected void pushArtifact(ArtifactRef a) throws Exception {
    List<BlobRef> blobs = new ArrayList<>(a.layers());
    blobs.add(a.config());
    pool.all(blobs, b -> {
      if (done.add(b.digest())) {
        pushBlob(b);
      }
    });
    byte[] manifest = Files.readAllBytes(job.data().file(a.manifest()));
    Request put = new Request.Builder().url(base.resolve("manifests/" + a.tag()))
        .put(RequestBody.create(manifest, MediaType.get(a.manifest().mediaType()))).build();
    call(put).close();
  }

  @Override
  protected void pullArtifact(String tag) throws Exception {
    Request get = new Request.Builder().url(base.resolve("manifests/" + tag))
        .header("Accept", "application/vnd.oci.image.manifest.v1+json").build();
    JsonNode manifest;
    try (Response response = call(get)) {
      manifest = JSON.readTree(response.body().bytes());
    }
    List<BlobRef> blobs = new ArrayList<>();
    blobs.add(ref(manifest.get("config")));
    manifest.get("layers").forEach(l -> blobs.add(ref(l)));
    pool.all(blobs, b -> {
      if (done.add(b.digest())) {
        pullBlob(b);
      }
    });
  }

  @Override
  protected void pushBlob(BlobRef blob) throws IOException {
    HttpUrl location;
    try (Response started = call(new Request.Builder().url(base.resolve("blobs/uploads/")).post(EMPTY).build())) {
      location = base.resolve(started.header("Location"));
    }
    HttpUrl put = location.newBuilder().addQueryParameter("digest", blob.digest()).build();
    call(new Request.Builder().url(put).put(new FileBody(job.data().file(blob), blob.size())).build()).close();
  }

  @Override
  protected void pullBlob(BlobRef blob) throws IOException {
    try (Response response = call(new Request.Builder().url(base.resolve("blobs/" + blob.digest())).build());
         InputStream in = response.body().byteStream()) {
      Drain.verify(in, blob);
    }
  }

  private Response call(Request request) throws IOException {
    Response response = http.newCall(request).execute();
    if (!response.isSuccessful()) {
      String body = response.body().string();
      response.close();
      throw new IOException(request.method() + " " + request.url() + ": " + response.code() + " " + body);
    }
    return response;
  }

  private static BlobRef ref(JsonNode d) {
    return new BlobRef(d.get("mediaType").asText(), d.get("digest").asText(), d.get("size").asLong());
  }
}
