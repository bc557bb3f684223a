package dev.berth.artifacts.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.berth.artifacts.files.FileArtifacts;
import dev.berth.artifacts.files.FilePullOptions;
import dev.berth.artifacts.files.FilePush;
import dev.berth.artifacts.files.PulledFiles;
import dev.berth.artifacts.wasm.PulledWasm;
import dev.berth.artifacts.wasm.WasmArtifacts;
import dev.berth.artifacts.wasm.WasmPullOptions;
import dev.berth.artifacts.wasm.WasmPushOptions;
import dev.berth.artifacts.wasm.WasmPushResult;
import dev.berth.core.Digest;
import dev.berth.core.Reference;
import dev.berth.core.remote.ProgressListener;
import dev.berth.core.remote.RegistryClient;
import dev.berth.core.remote.TransferEvent;
import dev.berth.core.remote.TransferEvent.Direction;
import dev.berth.testkit.RegistryServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A progress listener given in an operation's options hears that operation's transfers, against a real
 * docker-registry: the repository and direction in each event, {@code done} once per blob, every byte of
 * the layer, and nothing of another operation on the same client.
 */
class ArtifactProgressIT {
  static RegistryServer registry;
  static RegistryClient client;

  @TempDir Path tmp;

  private final List<TransferEvent> heard = new CopyOnWriteArrayList<>();
  private final ProgressListener recorder = new ProgressListener() {
    @Override
    public void onEvent(TransferEvent event) {
      heard.add(event);
    }
  };

  @BeforeAll
  static void start() {
    registry = RegistryServer.start();
    client = RegistryClient.builder().plainHttp(registry.host()).build();
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @Test
  void aFilePushAndPullReportTheirOwnTransfersAndNotAnotherOperations() throws IOException {
    Path file = Files.write(tmp.resolve("data.bin"), new byte[200_000]);
    Reference ref = Reference.parse(registry.host() + "/progress/files:v1");

    FileArtifacts.push(client, ref, FilePush.builder().file(file).progressListener(recorder).build());
    Digest layer = Digest.sha256(Files.readAllBytes(file));
    assertOneOperation(ref, Direction.UPLOAD, layer, 200_000);

    heard.clear();
    FileArtifacts.push(client, ref.withTag("v2"), FilePush.builder().file(file).build());
    assertEquals(List.of(), heard, "a push without the listener is not reported to it");

    PulledFiles pulled = FileArtifacts.pull(client, ref, tmp.resolve("out"),
        FilePullOptions.builder().progressListener(recorder).build());
    assertEquals(1, pulled.files().size());
    assertOneOperation(ref, Direction.DOWNLOAD, layer, 200_000);
  }

  @Test
  void aWasmPushAndPullReportTheirOwnTransfers() throws IOException {
    Path wasm = tmp.resolve("hello.wasm");
    try (InputStream in = ArtifactProgressIT.class.getResourceAsStream("/dev/berth/artifacts/wasm/hello.module.wasm")) {
      Files.copy(in, wasm);
    }
    Reference ref = Reference.parse(registry.host() + "/progress/wasm:1");

    WasmPushResult pushed = WasmArtifacts.push(client, ref, wasm,
        WasmPushOptions.builder().progressListener(recorder).build());
    assertOneOperation(ref, Direction.UPLOAD, pushed.layer().digest(), Files.size(wasm));

    heard.clear();
    PulledWasm pulled = WasmArtifacts.pull(client, ref, tmp.resolve("pulled.wasm"),
        WasmPullOptions.builder().progressListener(recorder).build());
    assertEquals(pushed.layer(), pulled.layer());
    assertOneOperation(ref, Direction.DOWNLOAD, pushed.layer().digest(), Files.size(wasm));
  }

  private void assertOneOperation(Reference ref, Direction direction, Digest layer, long size) {
    assertTrue(!heard.isEmpty(), "events were reported");
    for (TransferEvent e : heard) {
      assertEquals(ref.name(), e.repository(), e.toString());
      assertEquals(direction, e.direction(), e.toString());
    }
    List<TransferEvent> layerDone = heard.stream()
        .filter(e -> e.done() && e.descriptor().digest().equals(layer)).toList();
    assertEquals(1, layerDone.size(), "done once for the layer: " + heard);
    assertEquals(size, layerDone.get(0).bytesDone());
    heard.clear();
  }
}
