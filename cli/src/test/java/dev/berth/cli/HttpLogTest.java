package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpLogTest {
  private final MockWebServer server = new MockWebServer();
  private final List<String> log = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void logsEachHopWithCredentialsAndSignedQueryRedacted() throws Exception {
    server.enqueue(new MockResponse.Builder().code(307)
        .addHeader("Location", server.url("/blob?sig=SECRETSIG&se=2030").toString()).build());
    server.enqueue(new MockResponse.Builder().code(200).body("hello").build());
    OkHttpClient client = new OkHttpClient.Builder()
        .addInterceptor(chain -> chain.proceed(
            chain.request().newBuilder().header("Authorization", "Bearer TOPSECRETTOKEN").build()))
        .addNetworkInterceptor(new HttpLog(log::add))
        .build();

    try (Response r = client.newCall(new Request.Builder()
        .url(server.url("/v2/o/n/blobs/sha256:ab?access_token=QUERYSECRET")).build()).execute()) {
      assertEquals("hello", r.body().string());
    }

    String all = String.join("\n", log);
    assertEquals(4, log.size(), all);
    assertTrue(log.get(0).startsWith("--> GET http://"), all);
    assertTrue(all.contains("Authorization: Bearer <redacted>"), all);
    assertTrue(all.contains("<-- 307"), all);
    assertTrue(all.contains("<-- 200"), all);
    assertTrue(all.contains("access_token=<redacted>"), all);
    for (String secret : List.of("TOPSECRETTOKEN", "QUERYSECRET", "SECRETSIG")) {
      assertFalse(all.contains(secret), "leaked " + secret + ":\n" + all);
    }
  }
}
