package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.EncodedManifest;
import dev.berth.core.Manifest;
import dev.berth.core.MediaTypes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (SIGINT) and SIGTERM during a pull or a push remove what the command created (issue 20): a
 * pull's {@code .berth-staging-*} in the output directory, a directory push's {@code berth-dir-*.tar.gz}
 * in the temp directory. The real jar runs as a child process against a registry that stalls, and is
 * signalled while its leftover-to-be exists.
 */
class SignalCleanupIT {
  private final MockWebServer server = new MockWebServer();
  private final byte[] big = new byte[2 << 20];
  private final Descriptor layer = Descriptor.of(MediaTypes.OCI_LAYER_TAR, big)
      .withAnnotations(Map.of(Descriptor.ANNOTATION_TITLE, "big.bin"));
  private final EncodedManifest manifest = EncodedManifest.of(Manifest.of(Descriptor.EMPTY_JSON, List.of(layer)));

  @TempDir Path scratch;
  private BerthJar berth;

  @BeforeEach
  void start() throws Exception {
    berth = new BerthJar(scratch);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.endsWith("/manifests/v1")) {
          return new MockResponse.Builder().code(200).setHeader("Content-Type", manifest.mediaType())
              .setHeader("Docker-Content-Digest", manifest.digest().toString())
              .body(new okio.Buffer().write(manifest.bytes())).build();
        }
        if (path.endsWith(layer.digest().toString()) && request.getMethod().equals("GET")) {
          // 16 KiB a second: the 2 MiB layer would take two minutes
          return new MockResponse.Builder().code(200).body(new okio.Buffer().write(big))
              .throttleBody(16 * 1024, 1, TimeUnit.SECONDS).build();
        }
        if (path.contains("/blobs/uploads/")) {
          return new MockResponse.Builder().code(202).headersDelay(120, TimeUnit.SECONDS).build();
        }
        return new MockResponse.Builder().code(404).build();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String ref() {
    return server.getHostName() + ":" + server.getPort() + "/repo:v1";
  }

  /** Waits (a minute at most) until a file {@code name} accepts is in {@code dir}, told by the file system. */
  private static boolean appears(Path dir, Predicate<String> name) throws Exception {
    try (WatchService watch = dir.getFileSystem().newWatchService()) {
      dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      // Listed after registering, so a file made in between is seen one way or the other.
      while (leftovers(dir, name).isEmpty()) {
        WatchKey key = watch.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (key == null) {
          return false;
        }
        key.pollEvents();
        key.reset();
      }
      return true;
    }
  }

  /** Waits (a minute at most) for the registry to receive a request {@code wanted} accepts. */
  private void awaitRequest(Predicate<RecordedRequest> wanted) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    RecordedRequest r;
    do {
      r = server.takeRequest(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      assertTrue(r != null, "the registry never received the request the test waits for");
    } while (!wanted.test(r));
  }

  private static List<String> leftovers(Path dir, Predicate<String> name) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(name).toList();
    }
  }

  private static void signal(Process p, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "berth ended after SIG" + signal);
  }

  @Test
  void ctrlCDuringAPullRemovesTheStagingDirectory() throws Exception {
    Path out = scratch.resolve("out");
    Files.createDirectories(out);
    Files.writeString(out.resolve("kept.txt"), "the user's");
    Process pull = berth.start("pull", "--plain-http", ref(), "-o", out.toString());
    try {
      assertTrue(appears(out, n -> n.startsWith(".berth-staging-")), "the pull started staging");
      // Into the throttled download: the layer's GET has arrived, and its body takes two minutes.
      awaitRequest(r -> r.getMethod().equals("GET") && r.getUrl().encodedPath().endsWith(layer.digest().toString()));
      signal(pull, "INT");
      assertEquals(List.of(), leftovers(out, n -> n.startsWith(".berth-staging-")));
      assertEquals(List.of("kept.txt"), leftovers(out, n -> true));
    } finally {
      pull.destroyForcibly();
    }
  }

  @Test
  void sigtermDuringADirectoryPushRemovesTheArchive() throws Exception {
    Path tmp = Files.createDirectories(scratch.resolve("tmp"));
    berth.env("JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmp);
    Path dir = Files.createDirectories(berth.workDir().resolve("site"));
    Files.write(dir.resolve("data.bin"), big);
    Process push = berth.start("push", "--plain-http", ref(), "site");
    try {
      assertTrue(appears(tmp, n -> n.startsWith("berth-dir-")), "the push archived the directory");
      // The upload is stalled: its POST has arrived, and the answer's headers take two minutes.
      awaitRequest(r -> r.getMethod().equals("POST") && r.getUrl().encodedPath().contains("/blobs/uploads/"));
      signal(push, "TERM");
      assertEquals(List.of(), leftovers(tmp, n -> n.startsWith("berth-dir-")));
    } finally {
      push.destroyForcibly();
    }
  }
}
