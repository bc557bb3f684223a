package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A registry that answers every manifest request with another manifest (and says so in its
 * {@code Docker-Content-Digest}) must not make a digest-pinned command act on that other manifest.
 */
class DigestPinningCliTest {
  private final MockWebServer server = new MockWebServer();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final byte[] file = "served instead".getBytes(StandardCharsets.UTF_8);
  private final Descriptor layer = Descriptor.of(MediaTypes.OCI_LAYER_TAR, file)
      .withAnnotations(Map.of("org.opencontainers.image.title", "swapped.txt"));
  private final EncodedManifest served = EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON, List.of(layer)));
  private final EncodedManifest pinned = EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON,
      List.of(Descriptor.of(MediaTypes.OCI_LAYER_TAR, "the real one".getBytes(StandardCharsets.UTF_8)))));

  @TempDir
  Path dir;

  DigestPinningCliTest() throws IOException {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        requests.add(request.getMethod() + " " + request.getUrl().encodedPath());
        String path = request.getUrl().encodedPath();
        if (path.contains("/manifests/")) {
          boolean head = request.getMethod().equals("HEAD");
          MockResponse.Builder b = new MockResponse.Builder().code(200)
              .setHeader("Content-Type", served.mediaType())
              .setHeader("Docker-Content-Digest", served.digest().toString());
          return head ? b.setHeader("Content-Length", served.descriptor().size()).build()
              : b.body(new okio.Buffer().write(served.bytes())).build();
        }
        if (path.endsWith(layer.digest().toString())) {
          return new MockResponse.Builder().code(200).body(new okio.Buffer().write(file)).build();
        }
        if (path.endsWith(Descriptor.EMPTY_JSON.digest().toString())) {
          return new MockResponse.Builder().code(200).body("{}").build();
        }
        return new MockResponse.Builder().code(path.equals("/v2/") ? 200 : 404).build();
      }
    });
    server.start();
  }

  @AfterEach
  void close() {
    server.close();
  }

  private String host() {
    return server.getHostName() + ":" + server.getPort();
  }

  private String pinnedRef() {
    return host() + "/team/app@" + pinned.digest();
  }

  private void assertRefusedNamingBoth(CliRun r) {
    assertNotEquals(ExitCodes.OK, r.exit(), r.err());
    assertTrue(r.err().contains(pinned.digest().toString()), r.err());
    assertTrue(r.err().contains(served.digest().toString()), r.err());
    assertEquals("", r.out());
  }

  @Test
  void pullByDigestRefusesAnotherManifestAndWritesNothing() throws IOException {
    Path out = Files.createDirectory(dir.resolve("out"));

    CliRun r = CliRun.run("--plain-http", "pull", pinnedRef(), "-o", out.toString());

    assertRefusedNamingBoth(r);
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void tagByDigestRefusesAnotherManifestAndTagsNothing() {
    CliRun r = CliRun.run("--plain-http", "tag", pinnedRef(), "v2");

    assertRefusedNamingBoth(r);
    assertTrue(requests.stream().noneMatch(q -> q.startsWith("PUT")), requests.toString());
  }

  @Test
  void manifestDeleteByDigestRefusesAnotherManifestAndDeletesNothing() {
    CliRun r = CliRun.run("--plain-http", "manifest", "delete", pinnedRef());

    assertRefusedNamingBoth(r);
    assertTrue(requests.stream().noneMatch(q -> q.startsWith("DELETE")), requests.toString());
  }

  @Test
  void resolveAndManifestGetByDigestRefuseAnotherManifest() {
    assertRefusedNamingBoth(CliRun.run("--plain-http", "resolve", pinnedRef()));
    assertRefusedNamingBoth(CliRun.run("--plain-http", "manifest", "get", pinnedRef()));
  }
}
