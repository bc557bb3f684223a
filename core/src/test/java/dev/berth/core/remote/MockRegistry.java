package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * A MockWebServer scripted as a registry, with a client pointed at it that records retry waits instead
 * of sleeping. Tests enqueue answers, run berth, then assert each recorded request in order.
 */
final class MockRegistry implements AutoCloseable {
  final MockWebServer server = new MockWebServer();
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  final List<String> warnings = new CopyOnWriteArrayList<>();

  MockRegistry() throws IOException {
    server.start();
  }

  /** {@code localhost:PORT}, as a reference names it. */
  String host() {
    return server.getHostName() + ":" + server.getPort();
  }

  RegistryClient.Builder clientBuilder() {
    return RegistryClient.builder()
        .plainHttp(host())
        .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5))
        .retryPolicy(RetryPolicy.defaults().withSleeper(sleeps::add))
        .warningListener((h, text) -> warnings.add(text));
  }

  Repository repository() {
    return clientBuilder().build().repository(host() + "/team/app");
  }

  void enqueue(int code, String... headerPairs) {
    enqueueBody(code, "", headerPairs);
  }

  void enqueueBody(int code, String body, String... headerPairs) {
    Headers headers = Headers.of(headerPairs);
    MockResponse.Builder b = new MockResponse.Builder().code(code).headers(headers);
    if (headers.get("Content-Length") == null) {
      // An explicit body, even empty, gives a Content-Length, as registries send.
      b.body(body);
    }
    server.enqueue(b.build());
  }

  void enqueue(MockResponse response) {
    server.enqueue(response);
  }

  /** The next request, which must have this method and path (query excluded). */
  RecordedRequest take(String method, String path) throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    assertNotNull(r, "expected " + method + " " + path + " but no request came");
    assertEquals(method + " " + path, r.getMethod() + " " + r.getUrl().encodedPath(), "request " + r.getRequestLine());
    return r;
  }

  void assertNoMoreRequests() throws InterruptedException {
    RecordedRequest extra = server.takeRequest(100, TimeUnit.MILLISECONDS);
    assertNull(extra, () -> "unexpected request " + extra.getRequestLine());
  }

  @Override
  public void close() {
    server.close();
  }
}
