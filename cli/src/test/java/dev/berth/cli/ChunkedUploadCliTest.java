package dev.berth.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.core.Descriptor;
import dev.berth.core.Digest;
import dev.berth.core.remote.TransferEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --chunk-size} against a registry that, like ghcr.io, answers a PATCH of more than 4 MiB with
 * 416; and the warning before a layer above ghcr.io's 10 GB limit is sent.
 */
class ChunkedUploadCliTest {
  private static final long GHCR_MAX_CHUNK = 4L * 1024 * 1024;

  private MockWebServer registry;
  private final List<Long> patchSizes = new CopyOnWriteArrayList<>();
  private final Buffer received = new Buffer();

  @BeforeEach
  void start() throws Exception {
    registry = new MockWebServer();
    registry.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String path = r.getTarget();
        switch (r.getMethod()) {
          case "HEAD":
            return new MockResponse.Builder().code(404).build();
          case "POST":
            return new MockResponse.Builder().code(202).addHeader("Location", "/v2/team/big/blobs/uploads/u1")
                .addHeader("Range", "0-0").addHeader("Content-Length", "0").build();
          case "PATCH": {
            long size = r.getBody() == null ? 0 : r.getBody().size();
            patchSizes.add(size);
            if (size > GHCR_MAX_CHUNK) {
              return new MockResponse.Builder().code(416).body("{\"errors\":[{\"code\":\"RANGE_INVALID\"}]}").build();
            }
            synchronized (received) {
              received.write(r.getBody().toByteArray());
              return new MockResponse.Builder().code(202).addHeader("Location", "/v2/team/big/blobs/uploads/u1")
                  .addHeader("Range", "0-" + (received.size() - 1)).build();
            }
          }
          case "PUT": {
            String digest = path.substring(path.indexOf("digest=") + 7).replace("%3A", ":");
            synchronized (received) {
              return Digest.sha256(received.snapshot().toByteArray()).toString().equals(digest)
                  ? new MockResponse.Builder().code(201).addHeader("Docker-Content-Digest", digest).build()
                  : new MockResponse.Builder().code(400).body("{\"errors\":[{\"code\":\"DIGEST_INVALID\"}]}").build();
            }
          }
          default:
            return new MockResponse.Builder().code(405).build();
        }
      }
    });
    registry.start();
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private Path blob(Path dir) throws Exception {
    byte[] bytes = new byte[9 * 1024 * 1024 + 17];
    new Random(7).nextBytes(bytes);
    return Files.write(dir.resolve("big.bin"), bytes);
  }

  @Test
  void fourMebibyteChunksAreAcceptedWhereGhcrRefusesMore(@TempDir Path dir) throws Exception {
    Path file = blob(dir);

    CliRun r = CliRun.run("blob", "put", "localhost:" + registry.getPort() + "/team/big", file.toString(),
        "--plain-http", "--chunk-size", "4MiB");

    assertEquals(0, r.exit(), r.err());
    assertEquals(Digest.sha256(Files.readAllBytes(file)).toString(), r.out().trim());
    assertEquals(List.of(GHCR_MAX_CHUNK, GHCR_MAX_CHUNK, 1024L * 1024 + 17), patchSizes);
  }

  @Test
  void largerChunksMeetGhcrsRefusal(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.run("blob", "put", "localhost:" + registry.getPort() + "/team/big", blob(dir).toString(),
        "--plain-http", "--chunk-size", "8MiB");

    assertFalse(r.exit() == 0, r.err());
    assertTrue(patchSizes.get(0) > GHCR_MAX_CHUNK, patchSizes.toString());
  }

  @Test
  void aChunkSizeThatIsNotOneIsAUsageError(@TempDir Path dir) throws Exception {
    CliRun r = CliRun.run("blob", "put", "localhost:" + registry.getPort() + "/team/big", blob(dir).toString(),
        "--plain-http", "--chunk-size", "lots");

    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("--chunk-size"), r.err());
    assertTrue(patchSizes.isEmpty());
  }

  @Test
  void aLayerAboveTenGigabytesIsWarnedAboutOnceOnGhcrOnly() {
    StringWriter err = new StringWriter();
    Console console = new Console(new ByteArrayOutputStream(), new PrintWriter(err, true), false);
    Descriptor huge = Descriptor.of("application/vnd.oci.image.layer.v1.tar", Digest.sha256(new byte[1]),
        GhcrLimits.MAX_LAYER_BYTES + 1);
    Descriptor fine = Descriptor.of("application/vnd.oci.image.layer.v1.tar", Digest.sha256(new byte[2]),
        GhcrLimits.MAX_LAYER_BYTES);

    var ghcr = GhcrLimits.warner("ghcr.io", console);
    ghcr.onEvent(new TransferEvent("octo/app", TransferEvent.Direction.UPLOAD, huge, 0, false));
    ghcr.onEvent(new TransferEvent("octo/app", TransferEvent.Direction.UPLOAD, huge, 1024, false));
    ghcr.onEvent(new TransferEvent("octo/app", TransferEvent.Direction.UPLOAD, fine, 0, false));
    ghcr.onEvent(new TransferEvent("octo/app", TransferEvent.Direction.DOWNLOAD, huge, 0, false));
    GhcrLimits.warner("quay.io", console)
        .onEvent(new TransferEvent("octo/app", TransferEvent.Direction.UPLOAD, huge, 0, false));

    assertEquals(1, err.toString().lines().count(), err.toString());
    assertTrue(err.toString().contains("ghcr.io refuses layers above 10 GB"), err.toString());
  }
}
