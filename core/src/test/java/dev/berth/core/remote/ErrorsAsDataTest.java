package dev.berth.core.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.ErrorCodes;
import dev.berth.core.InvalidContentException;
import dev.berth.core.MediaTypes;
import dev.berth.core.NetworkException;
import dev.berth.core.NotFoundException;
import dev.berth.core.OciException;
import dev.berth.core.RateLimitedException;
import dev.berth.core.RegistryErrorException;
import dev.berth.core.TlsException;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every failure an embedder meets from a registry is an {@link OciException} whose type and data (status,
 * error codes, kind) tell the cases apart without reading message text.
 */
class ErrorsAsDataTest {
  private final MockRegistry registry;

  ErrorsAsDataTest() throws IOException {
    registry = new MockRegistry();
  }

  @AfterEach
  void close() {
    registry.close();
  }

  @Test
  void aMissingRepositoryAndAMissingTagAreToldApartByKindAndCode() throws Exception {
    registry.enqueueBody(404, "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"repository name not known\"}]}",
        "Content-Type", "application/json");
    registry.enqueueBody(404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}",
        "Content-Type", "application/json");
    Repository repo = registry.repository();

    NotFoundException noRepo = assertThrows(NotFoundException.class, () -> repo.fetchManifest("v1"));
    NotFoundException noTag = assertThrows(NotFoundException.class, () -> repo.fetchManifest("v1"));

    assertEquals(NotFoundException.Kind.REPOSITORY, noRepo.kind());
    assertTrue(noRepo.hasErrorCode(ErrorCodes.NAME_UNKNOWN));
    assertEquals(404, noRepo.status());
    assertEquals("GET", noRepo.response().orElseThrow().method());
    assertTrue(noRepo.response().orElseThrow().url().endsWith("/v2/team/app/manifests/v1"));
    assertEquals(NotFoundException.Kind.MANIFEST, noTag.kind());
    assertTrue(noTag.hasErrorCode(ErrorCodes.MANIFEST_UNKNOWN));
    assertFalse(noTag.hasErrorCode(ErrorCodes.NAME_UNKNOWN));
  }

  @Test
  void aBare404HasAnUnknownKindButStillItsStatus() throws Exception {
    registry.enqueue(404);
    NotFoundException e = assertThrows(NotFoundException.class, () -> registry.repository().fetchManifest("v1"));
    assertEquals(NotFoundException.Kind.UNKNOWN, e.kind());
    assertEquals(404, e.status());
  }

  @Test
  void rateLimitingIsItsOwnTypeWithTheWaitTheRegistryAskedFor() throws Exception {
    Repository repo = registry.clientBuilder().retryPolicy(RetryPolicy.none()).build()
        .repository(registry.host() + "/team/app");
    registry.enqueueBody(429, "{\"errors\":[{\"code\":\"TOOMANYREQUESTS\",\"message\":\"slow down\"}]}",
        "Content-Type", "application/json", "Retry-After", "7");

    RateLimitedException e = assertThrows(RateLimitedException.class, () -> repo.fetchManifest("v1"));

    assertEquals(429, e.status());
    assertTrue(e.hasErrorCode(ErrorCodes.TOOMANYREQUESTS));
    assertEquals(Duration.ofSeconds(7), e.retryAfter());
  }

  @Test
  void otherStatusesKeepMethodUrlStatusAndCodes() throws Exception {
    registry.enqueueBody(400, "{\"errors\":[{\"code\":\"NAME_INVALID\",\"message\":\"bad name\"}]}",
        "Content-Type", "application/json");
    RegistryErrorException e = assertThrows(RegistryErrorException.class,
        () -> registry.repository().fetchManifest("v1"));
    assertEquals(400, e.status());
    assertEquals("GET", e.method());
    assertTrue(e.hasErrorCode(ErrorCodes.NAME_INVALID));
  }

  @Test
  void aRegistryThatIsDownIsANetworkExceptionNamingTheHost() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there now
    }
    String host = "127.0.0.1:" + port;
    RegistryClient client = RegistryClient.builder().plainHttp(host).retryPolicy(RetryPolicy.none()).build();

    NetworkException e = assertThrows(NetworkException.class, () -> client.repository(host + "/a/b").resolve("v1"));

    assertEquals(host, e.host());
    assertTrue(e.getMessage().contains(host), e.getMessage());
    assertFalse(e instanceof TlsException);
  }

  @Test
  void tlsAgainstAPlainHttpRegistryIsATlsExceptionThatSaysSo() throws Exception {
    try (PlainHttpPort plain = new PlainHttpPort()) {
      // No plainHttp(...) for this host: berth speaks TLS to a server that answers in plain HTTP.
      RegistryClient client = RegistryClient.builder().retryPolicy(RetryPolicy.none())
          .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).build();

      TlsException e = assertThrows(TlsException.class, () -> client.repository(plain.host() + "/a/b").resolve("v1"));

      assertTrue(e.plainHttpSuspected(), e.getMessage());
      assertEquals(plain.host(), e.host());
      assertInstanceOf(NetworkException.class, e);
    }
  }

  @Test
  void tlsAgainstAPlainHttpRegistryIsNotRetriedSinceItWillAnswerTheSameAgain() throws Exception {
    // With the default policy this made 5 connections and slept 4 backoffs (about 4 s) before saying so.
    List<Duration> sleeps = new CopyOnWriteArrayList<>();
    try (PlainHttpPort plain = new PlainHttpPort()) {
      RegistryClient client = RegistryClient.builder().retryPolicy(RetryPolicy.defaults().withSleeper(sleeps::add))
          .timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)).build();

      TlsException e = assertThrows(TlsException.class, () -> client.repository(plain.host() + "/a/b").resolve("v1"));

      assertTrue(e.plainHttpSuspected(), e.getMessage());
      assertEquals(List.of(), sleeps);
      assertEquals(1, plain.connections.get());
    }
  }

  /** A port that answers every TLS hello with an HTTP error, as a plain-HTTP server (Go's, nginx's) does. */
  private static final class PlainHttpPort implements AutoCloseable {
    final AtomicInteger connections = new AtomicInteger();
    private final ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());

    PlainHttpPort() throws IOException {
      Thread answer = new Thread(() -> {
        while (!socket.isClosed()) {
          try (java.net.Socket s = socket.accept()) {
            connections.incrementAndGet();
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.getInputStream().read(new byte[512]);
          } catch (IOException ignored) {
            // the client hung up, or the socket closed at the end of the test
          }
        }
      });
      answer.setDaemon(true);
      answer.start();
    }

    String host() {
      return "127.0.0.1:" + socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void aManifestThatDoesNotParseIsInvalidContentNotACallersMistake() throws Exception {
    byte[] notAManifest = "{\"schemaVersion\":2,\"config\":[]}".getBytes(StandardCharsets.UTF_8);
    Digest digest = Digest.sha256(notAManifest);
    registry.enqueueBody(200, new String(notAManifest, StandardCharsets.UTF_8),
        "Content-Type", MediaTypes.OCI_MANIFEST, "Docker-Content-Digest", digest.toString());

    InvalidContentException e = assertThrows(InvalidContentException.class,
        () -> registry.repository().fetchManifest(Descriptor.of(MediaTypes.OCI_MANIFEST, digest, notAManifest.length)));

    assertTrue(e.getMessage().contains("config"), e.getMessage());
  }
}
